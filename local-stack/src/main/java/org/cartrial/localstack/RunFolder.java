package org.cartrial.localstack;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
        write("endpoints.properties", endpoints, "where the running embedded system listens");
    }

    /** The launcher's record of one child's restarts and last exit, for {@code status}. */
    void writeRestarts(String name, Properties restarts) {
        write(name + ".restarts", restarts, "restarts of " + name + " by its launcher");
    }

    Properties readRestarts(String name) {
        return load(folder.resolve(name + ".restarts"));
    }

    void forgetRestarts(String name) {
        try {
            Files.deleteIfExists(folder.resolve(name + ".restarts"));
        } catch (IOException ignored) {
            // a leftover only shows old restarts in status until the next start
        }
    }

    private void write(String file, Properties properties, String comment) {
        try {
            Files.createDirectories(folder);
            Path temporary = folder.resolve(file + ".tmp");
            try (Writer out = Files.newBufferedWriter(temporary)) {
                properties.store(out, comment);
            }
            // status may read it at any moment: never half a file
            Files.move(temporary, folder.resolve(file), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
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
        return load(folder.resolve("endpoints.properties"));
    }

    private static Properties load(Path file) {
        Properties endpoints = new Properties();
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
