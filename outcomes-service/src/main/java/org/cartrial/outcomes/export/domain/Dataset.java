package org.cartrial.outcomes.export.domain;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A standard dataset (an SDTM domain or an ADaM dataset): its name, label, class, columns and rows. Rows are made
 * on demand, one subject at a time, so a writer can stream a large trial without holding every row; each row
 * holds one value per column ({@code null} for missing), in column order.
 */
public record Dataset(String name, String label, Standard standard, List<Variable> columns,
        Supplier<Stream<List<Object>>> rows) {

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

    public long count() {
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
