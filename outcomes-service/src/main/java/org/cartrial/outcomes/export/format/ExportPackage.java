package org.cartrial.outcomes.export.format;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.cartrial.outcomes.export.domain.Dataset;
import org.cartrial.outcomes.export.domain.ExportCut;
import org.cartrial.outcomes.export.domain.Manifest;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

/**
 * Writes datasets as Dataset-JSON and CSV files plus {@code manifest.json} (row counts, the cut, a SHA-256 per
 * file, hashed while the file is written) into a folder or a ZIP stream. Files come in a fixed order and ZIP
 * entries carry the cut's moment as their time, so the same cut gives byte-identical files and archives.
 */
public final class ExportPackage {

    public static final String MANIFEST = "manifest.json";

    /** Where the files go: one entry after another. */
    public interface Sink {
        OutputStream entry(String file) throws IOException;

        void closeEntry() throws IOException;
    }

    /** Told after each file, so a caller can show progress. */
    public interface Progress {
        void written(String file, int done, int total);
    }

    public enum Format {
        JSON("json"), CSV("csv");

        private final String extension;

        Format(String extension) {
            this.extension = extension;
        }

        public String extension() {
            return extension;
        }
    }

    private ExportPackage() {
    }

    public static Manifest write(ExportCut cut, List<Dataset> datasets, List<Format> formats, Sink sink,
            Progress progress) throws IOException {
        return write(cut, datasets, formats, sink, progress, null);
    }

    /** As above, the rows of the datasets {@code spilled} holds copied from it rather than made again. */
    public static Manifest write(ExportCut cut, List<Dataset> datasets, List<Format> formats, Sink sink,
            Progress progress, SpilledRows spilled) throws IOException {
        List<Manifest.ExportedFile> files = new ArrayList<>();
        int total = datasets.size() * formats.size() + 1;
        for (Dataset dataset : datasets) {
            for (Format format : formats) {
                String file = dataset.name().toLowerCase(Locale.ROOT) + "." + format.extension();
                MessageDigest sha256 = sha256();
                OutputStream out = new DigestOutputStream(unclosable(sink.entry(file)), sha256);
                if (format == Format.JSON) {
                    DatasetJson.write(dataset, cut, out, spilled);
                } else {
                    Csv.write(dataset, out, spilled);
                }
                out.flush();
                sink.closeEntry();
                files.add(new Manifest.ExportedFile(file, dataset.name(), dataset.standard().guide(), format.name(),
                        spilled != null && spilled.holds(dataset.name()) ? spilled.count(dataset.name()) : dataset.count(),
                        HexFormat.of().formatHex(sha256.digest())));
                progress.written(file, files.size(), total);
            }
        }
        Manifest manifest = new Manifest(ExportCut.STUDY_ID, cut.dataCutoff(), cut.recordedUpTo(),
                cut.protocolVersion(), cut.sites(), files);
        writeManifest(manifest, unclosable(sink.entry(MANIFEST)));
        sink.closeEntry();
        progress.written(MANIFEST, total, total);
        return manifest;
    }

    static void writeManifest(Manifest manifest, OutputStream out) throws IOException {
        try (JsonGenerator json = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeStringField("study", manifest.study());
            json.writeStringField("dataCutoff", manifest.dataCutoff().toString());
            json.writeStringField("recordedUpTo", manifest.recordedUpTo() == null ? null : manifest.recordedUpTo().toString());
            json.writeStringField("protocolVersion", manifest.protocolVersion());
            json.writeArrayFieldStart("sites");
            if (manifest.sites() != null) {
                for (String site : manifest.sites()) {
                    json.writeString(site);
                }
            }
            json.writeEndArray();
            json.writeArrayFieldStart("files");
            for (Manifest.ExportedFile f : manifest.files()) {
                json.writeStartObject();
                json.writeStringField("file", f.file());
                json.writeStringField("dataset", f.dataset());
                json.writeStringField("standard", f.standard());
                json.writeStringField("format", f.format());
                json.writeNumberField("records", f.records());
                json.writeStringField("sha256", f.sha256());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeRaw('\n');
        }
    }

    /** Each file of the export in a folder (made if missing). */
    public static Sink folder(Path folder) throws IOException {
        Files.createDirectories(folder);
        return new Sink() {
            private OutputStream open;

            @Override
            public OutputStream entry(String file) throws IOException {
                open = Files.newOutputStream(folder.resolve(file));
                return open;
            }

            @Override
            public void closeEntry() throws IOException {
                open.close();
            }
        };
    }

    /** The files as entries of one ZIP stream, each dated with the cut's moment rather than the clock. */
    public static Sink zip(ZipOutputStream zip, ExportCut cut) {
        java.time.LocalDateTime at = cut.recordedUpTo() == null ? cut.dataCutoff().atStartOfDay()
                : cut.recordedUpTo().atOffset(ZoneOffset.UTC).toLocalDateTime();
        return new Sink() {
            @Override
            public OutputStream entry(String file) throws IOException {
                ZipEntry entry = new ZipEntry(file);
                entry.setTimeLocal(at);
                zip.putNextEntry(entry);
                return zip;
            }

            @Override
            public void closeEntry() throws IOException {
                zip.closeEntry();
            }
        };
    }

    private static OutputStream unclosable(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
