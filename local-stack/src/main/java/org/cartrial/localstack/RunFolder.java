package org.cartrial.localstack;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * {@code DIR/run}: who runs (one pid file per process plus the launcher's) and where (the endpoints), so that
 * {@code down} and {@code status} in another terminal can find a running system.
 */
final class RunFolder {

    static final String LAUNCHER = "launcher";

    private final Path folder;

    RunFolder(Path dataDir) {
        this.folder = dataDir.resolve("run");
    }

    Path pidFile(String name) {
        return folder.resolve(name + ".pid");
    }

    PidFile record(String name, ProcessHandle process) {
        return PidFile.write(pidFile(name), process);
    }

    Optional<PidFile> read(String name) {
        return PidFile.read(pidFile(name));
    }

    void forget(String name) {
        read(name).ifPresent(PidFile::delete);
    }

    void writeEndpoints(Properties endpoints) {
        try {
            Files.createDirectories(folder);
            try (Writer out = Files.newBufferedWriter(folder.resolve("endpoints.properties"))) {
                endpoints.store(out, "where the running embedded system listens");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void forgetEndpoints() {
        try {
            Files.deleteIfExists(folder.resolve("endpoints.properties"));
        } catch (IOException ignored) {
            // status reads pid files first; a leftover endpoints file only names ports
        }
    }

    Properties readEndpoints() {
        Properties endpoints = new Properties();
        Path file = folder.resolve("endpoints.properties");
        if (Files.exists(file)) {
            try (Reader in = Files.newBufferedReader(file)) {
                endpoints.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return endpoints;
    }
}
