package org.cartrial.outcomes.export.domain;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A standard dataset (an SDTM domain or an ADaM dataset): its name, label, class, columns and rows. Rows are made
 * on demand, one subject at a time ({@code ofSubject}; null for the trial-design datasets), so a writer can stream a
 * large trial without holding every row; each row holds one value per column ({@code null} for missing), in column
 * order. {@code records}, when known (counted in one pass with the other datasets), saves a pass over the rows.
 */
public record Dataset(String name, String label, Standard standard, List<Variable> columns,
        Supplier<Stream<List<Object>>> rows, Function<ExportSubject, List<List<Object>>> ofSubject, Long records) {

    /** SDTM tabulations and ADaM analysis datasets are described by different implementation guides. */
    public enum Standard {
        SDTM("SDTMIG 3.4"), ADAM("ADaMIG 1.3");

        private final String guide;

        Standard(String guide) {
            this.guide = guide;
        }

        public String guide() {
            return guide;
        }
    }

    public Dataset {
        Objects.requireNonNull(name, "name");
        columns = List.copyOf(columns);
    }

    /** A dataset whose rows do not come from the subjects (the trial design). */
    public Dataset(String name, String label, Standard standard, List<Variable> columns,
            Supplier<Stream<List<Object>>> rows) {
        this(name, label, standard, columns, rows, null, null);
    }

    /** A dataset of rows made subject by subject, from the subjects read afresh at each pass. */
    public static Dataset perSubject(String name, String label, Standard standard, List<Variable> columns,
            Supplier<Stream<ExportSubject>> subjects, Function<ExportSubject, List<List<Object>>> ofSubject) {
        return new Dataset(name, label, standard, columns, () -> subjects.get().flatMap(s -> ofSubject.apply(s).stream()),
                ofSubject, null);
    }

    /** The same dataset with its number of rows known. */
    public Dataset counted(long rowCount) {
        return new Dataset(name, label, standard, columns, rows, ofSubject, rowCount);
    }

    /** The number of rows: as counted, or by a pass over them. */
    public long count() {
        if (records != null) {
            return records;
        }
        try (Stream<List<Object>> all = rows.get()) {
            return all.count();
        }
    }

    public int column(String variable) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(variable)) {
                return i;
            }
        }
        throw new IllegalArgumentException(name + " has no variable " + variable);
    }
}
