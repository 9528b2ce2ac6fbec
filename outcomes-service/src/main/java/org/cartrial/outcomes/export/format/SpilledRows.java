package org.cartrial.outcomes.export.format;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cartrial.outcomes.export.domain.Dataset;
import org.cartrial.outcomes.export.domain.ExportSubject;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;

/**
 * The rows of the per-subject datasets, made in one pass over the subjects and written as they are made into
 * temporary files, in the exact bytes both formats give them (Dataset-JSON's {@code rows} array, CSV's lines), and
 * counted. A Dataset-JSON file states its row count before its rows, and every pass over the read models costs what
 * reading them costs: so the trial is read once, memory holds one subject's rows, and each file is then its header,
 * these bytes and its end. The files are deleted when this is closed.
 */
public final class SpilledRows implements AutoCloseable {

    /** One dataset's rows as spilled: where, how many, and the writers while the pass runs. */
    private static final class Part {
        private final Dataset dataset;
        private final Path json;
        private final Path csv;
        private final JsonGenerator jsonRows;
        private final Writer csvLines;
        private final StringBuilder line = new StringBuilder();
        private long count;

        Part(Dataset dataset, Path json, Path csv) throws IOException {
            this.dataset = dataset;
            this.json = json;
            this.csv = csv;
            this.jsonRows = DatasetJson.JSON.createGenerator(new BufferedOutputStream(Files.newOutputStream(json)),
                    JsonEncoding.UTF8);
            this.jsonRows.writeStartArray();
            this.csvLines = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(csv), StandardCharsets.UTF_8));
        }
    }

    private final Map<String, Part> parts = new LinkedHashMap<>();
    private boolean finished;

    private SpilledRows() {
    }

    /** Ready to take the rows of every dataset made subject by subject (the others are made when written). */
    public static SpilledRows of(List<Dataset> datasets) throws IOException {
        SpilledRows spilled = new SpilledRows();
        try {
            for (Dataset d : datasets) {
                if (d.ofSubject() != null) {
                    spilled.parts.put(d.name(), new Part(d, Files.createTempFile("export-" + d.name() + "-", ".json"),
                            Files.createTempFile("export-" + d.name() + "-", ".csv")));
                }
            }
        } catch (IOException | RuntimeException e) {
            spilled.close();
            throw e;
        }
        return spilled;
    }

    /** The subject's rows of every dataset, written to the files as they are made. */
    public void add(ExportSubject subject) {
        try {
            for (Part part : parts.values()) {
                for (List<Object> row : part.dataset.ofSubject().apply(subject)) {
                    DatasetJson.row(part.jsonRows, row);
                    Csv.line(part.csvLines, part.line, row);
                    part.count++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The pass is over: the files are complete. */
    public void finish() throws IOException {
        for (Part part : parts.values()) {
            part.jsonRows.writeEndArray();
            part.jsonRows.close();
            part.csvLines.close();
        }
        finished = true;
    }

    public boolean holds(String dataset) {
        return parts.containsKey(dataset);
    }

    public long count(String dataset) {
        return parts.get(dataset).count;
    }

    /** The dataset's Dataset-JSON {@code rows} array, as {@code [[...],[...]]}. */
    void copyJsonRows(String dataset, OutputStream out) throws IOException {
        requireFinished();
        Files.copy(parts.get(dataset).json, out);
    }

    /** The dataset's CSV lines after the header. */
    void copyCsvLines(String dataset, OutputStream out) throws IOException {
        requireFinished();
        Files.copy(parts.get(dataset).csv, out);
    }

    private void requireFinished() {
        if (!finished) {
            throw new IllegalStateException("the rows are still being made");
        }
    }

    @Override
    public void close() {
        for (Part part : parts.values()) {
            try {
                part.jsonRows.close();
                part.csvLines.close();
            } catch (IOException e) {
                // deleted below either way
            }
            try {
                Files.deleteIfExists(part.json);
                Files.deleteIfExists(part.csv);
            } catch (IOException e) {
                // a temporary file left behind is the only harm
            }
        }
    }
}
