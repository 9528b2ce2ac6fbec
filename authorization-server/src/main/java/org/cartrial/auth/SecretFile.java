package org.cartrial.auth;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;
import java.util.TreeSet;

/**
 * A properties file of secrets in the data folder (client secrets, people's passwords): written to a new owner-only
 * (0600) file and moved over the old one, so it is never readable by others and never half-written; keys sorted.
 */
final class SecretFile {

    private SecretFile() {
    }

    static Properties read(Path file, String what) {
        Properties properties = new Properties();
        if (Files.exists(file)) {
            try (Reader in = Files.newBufferedReader(file)) {
                properties.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the " + what + " in " + file, e);
            }
        }
        return properties;
    }

    static void write(Path file, String header, Properties values, String what) {
        try {
            Path folder = file.toAbsolutePath().getParent();
            Files.createDirectories(folder);
            Path partial = folder.resolve(file.getFileName() + ".partial");
            Files.deleteIfExists(partial);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            try (Writer out = Files.newBufferedWriter(partial)) {
                out.write("# " + header + "\n");
                for (String key : new TreeSet<>(values.stringPropertyNames())) {
                    out.write(key + "=" + values.getProperty(key) + "\n");
                }
            }
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the " + what + " to " + file, e);
        }
    }
}
