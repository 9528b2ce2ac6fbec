package org.cartrial.outcomes.export.format;

import java.io.IOException;
import java.io.OutputStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Stream;

import org.cartrial.outcomes.export.domain.Dataset;
import org.cartrial.outcomes.export.domain.ExportCut;
import org.cartrial.outcomes.export.domain.Variable;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

/**
 * Writes a dataset as CDISC Dataset-JSON v1.1 with Jackson's streaming generator, one row at a time, so memory
 * does not grow with the trial. The creation and last-modified times are the cut's {@code recordedUpTo} (the data
 * cut-off's midnight when nothing was recorded), never the wall clock: the same cut gives the same bytes.
 */
public final class DatasetJson {

    static final String VERSION = "1.1.0";
    static final JsonFactory JSON = new JsonFactory();
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    private DatasetJson() {
    }

    public static void write(Dataset dataset, ExportCut cut, OutputStream out) throws IOException {
        write(dataset, cut, out, null);
    }

    /** As {@link #write(Dataset, ExportCut, OutputStream)}, the rows copied from {@code spilled} where it holds them. */
    public static void write(Dataset dataset, ExportCut cut, OutputStream out, SpilledRows spilled) throws IOException {
        boolean copied = spilled != null && spilled.holds(dataset.name());
        long records = copied ? spilled.count(dataset.name()) : dataset.count();
        try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            String created = moment(cut);
            json.writeStartObject();
            json.writeStringField("datasetJSONCreationDateTime", created);
            json.writeStringField("datasetJSONVersion", VERSION);
            json.writeStringField("fileOID", ExportCut.STUDY_ID + "." + dataset.name() + "." + cut.dataCutoff());
            json.writeStringField("dbLastModifiedDateTime", created);
            json.writeStringField("originator", "Sequential CD19/CD22 CAR-T trial platform");
            json.writeObjectFieldStart("sourceSystem");
            json.writeStringField("name", "cartrial outcomes-service");
            json.writeStringField("version", cut.protocolVersion());
            json.writeEndObject();
            json.writeStringField("studyOID", ExportCut.STUDY_ID);
            json.writeStringField("metaDataVersionOID", "MDV." + dataset.standard().guide().replace(' ', '.'));
            json.writeStringField("itemGroupOID", "IG." + dataset.name());
            json.writeNumberField("records", records);
            json.writeStringField("name", dataset.name());
            json.writeStringField("label", dataset.label());
            json.writeArrayFieldStart("columns");
            for (Variable v : dataset.columns()) {
                json.writeStartObject();
                json.writeStringField("itemOID", "IT." + dataset.name() + "." + v.name());
                json.writeStringField("name", v.name());
                json.writeStringField("label", v.label());
                json.writeStringField("dataType", v.dataType());
                if (v.targetDataType() != null) {
                    json.writeStringField("targetDataType", v.targetDataType());
                }
                if (v.length() != null) {
                    json.writeNumberField("length", v.length());
                }
                if (v.keySequence() != null) {
                    json.writeNumberField("keySequence", v.keySequence());
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            if (copied) {
                // the spilled rows are the array Jackson wrote for them: the same bytes as writing them here
                json.disable(JsonGenerator.Feature.AUTO_CLOSE_JSON_CONTENT);
                json.writeFieldName("rows");
                json.flush();
                out.write(':'); // Jackson writes the separator with the value, which is copied
                spilled.copyJsonRows(dataset.name(), out);
                out.write('}');
                return;
            }
            json.writeArrayFieldStart("rows");
            long written = 0;
            try (Stream<List<Object>> rows = dataset.rows().get()) {
                for (List<Object> row : (Iterable<List<Object>>) rows::iterator) {
                    written++;
                    row(json, row);
                }
            }
            if (written != records) {
                // the count came from an earlier pass: a file whose header says otherwise must not leave here
                throw new IllegalStateException(dataset.name() + ": " + written + " rows written, " + records
                        + " counted");
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }

    static void row(JsonGenerator json, List<Object> row) throws IOException {
        json.writeStartArray();
        for (Object value : row) {
            value(json, value);
        }
        json.writeEndArray();
    }

    private static void value(JsonGenerator json, Object value) throws IOException {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof Integer i) {
            json.writeNumber(i);
        } else if (value instanceof Long l) {
            json.writeNumber(l);
        } else if (value instanceof Double d) {
            json.writeNumber(d);
        } else if (value instanceof java.math.BigDecimal b) {
            json.writeNumber(b);
        } else if (value instanceof Boolean b) {
            json.writeBoolean(b);
        } else {
            json.writeString(value.toString()); // LocalDate gives ISO 8601
        }
    }

    /** The cut's recorded-up-to moment in UTC to the second, or the cut-off's midnight when nothing was recorded. */
    static String moment(ExportCut cut) {
        if (cut.recordedUpTo() == null) {
            return cut.dataCutoff().atStartOfDay().format(SECONDS);
        }
        return cut.recordedUpTo().atOffset(ZoneOffset.UTC).toLocalDateTime().format(SECONDS);
    }

}
