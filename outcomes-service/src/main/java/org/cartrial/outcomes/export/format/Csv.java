package org.cartrial.outcomes.export.format;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import org.cartrial.outcomes.export.domain.Dataset;
import org.cartrial.outcomes.export.domain.Variable;

/**
 * Writes a dataset as RFC 4180 CSV in UTF-8: a header of the variable names, one line per row, CRLF line ends,
 * missing values empty, dates ISO 8601, a field quoted only when it holds a comma, quote or line break.
 */
public final class Csv {

    private Csv() {
    }

    public static void write(Dataset dataset, OutputStream out) throws IOException {
        write(dataset, out, null);
    }

    /** As {@link #write(Dataset, OutputStream)}, the lines copied from {@code spilled} where it holds them. */
    public static void write(Dataset dataset, OutputStream out, SpilledRows spilled) throws IOException {
        Writer csv = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        StringBuilder line = new StringBuilder();
        for (Variable v : dataset.columns()) {
            field(line, line.isEmpty() ? 0 : 1, v.name());
        }
        end(csv, line);
        if (spilled != null && spilled.holds(dataset.name())) {
            csv.flush();
            spilled.copyCsvLines(dataset.name(), out);
            return;
        }
        try (Stream<List<Object>> rows = dataset.rows().get()) {
            for (List<Object> row : (Iterable<List<Object>>) rows::iterator) {
                line(csv, line, row);
            }
        }
        csv.flush();
    }

    /** One row as a line ({@code line} is a buffer to reuse). */
    static void line(Writer csv, StringBuilder line, List<Object> row) throws IOException {
        for (int i = 0; i < row.size(); i++) {
            field(line, i, row.get(i) == null ? "" : row.get(i).toString());
        }
        end(csv, line);
    }

    private static void field(StringBuilder line, int index, String value) {
        if (index > 0) {
            line.append(',');
        }
        if (value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            line.append('"').append(value.replace("\"", "\"\"")).append('"');
        } else {
            line.append(value);
        }
    }

    private static void end(Writer csv, StringBuilder line) throws IOException {
        csv.append(line).append("\r\n");
        line.setLength(0);
    }
}
