package org.cartrial.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A pid file: the pid on the first line (for {@code kill $(head -1 x.pid)}), and the moment the process started on
 * the second. The start moment tells a live process of ours from an unrelated one that got the same pid after a
 * crash or a reboot, so a stale file never makes us signal a stranger.
 */
record PidFile(Path file, long pid, Instant started) {

    static PidFile write(Path file, ProcessHandle process) {
        Instant started = process.info().startInstant().orElse(Instant.EPOCH);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, process.pid() + "\n" + started.toEpochMilli() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return new PidFile(file, process.pid(), started);
    }

    static Optional<PidFile> read(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            long pid = Long.parseLong(lines.get(0).trim());
            Instant started = lines.size() > 1 ? Instant.ofEpochMilli(Long.parseLong(lines.get(1).trim()))
                    : Instant.EPOCH;
            return Optional.of(new PidFile(file, pid, started));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The process this file names, if it still runs and is the same process that wrote the file. */
    Optional<ProcessHandle> liveProcess() {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                // a killed process nobody has reaped yet (a zombie) still "is alive" but has no executable
                .filter(p -> p.info().command().isPresent())
                .filter(this::startedWhenRecorded);
    }

    private boolean startedWhenRecorded(ProcessHandle process) {
        Optional<Instant> actual = process.info().startInstant();
        return started.equals(Instant.EPOCH) || actual.isEmpty() || actual.get().equals(started);
    }

    void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a leftover file is recognised as stale next time
        }
    }
}
