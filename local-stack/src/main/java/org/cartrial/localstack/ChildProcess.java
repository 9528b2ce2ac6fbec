package org.cartrial.localstack;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One process of the embedded system: how to start it, its log file, and the running process once started. */
final class ChildProcess {

    /** Command prefix that makes the child ignore SIGINT, see {@link #command}. */
    private static final List<String> IGNORE_INTERRUPT = List.of("/bin/sh", "-c", "trap '' INT; exec \"$0\" \"$@\"");

    private final Component component;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path log;
    private final Readiness readiness;

    private Process process;
    private Instant startedAt;
    private volatile boolean stopRequested;

    ChildProcess(Component component, List<String> javaCommand, Map<String, String> environment, Path log,
            Readiness readiness) {
        this.component = component;
        this.command = command(javaCommand);
        this.environment = Map.copyOf(environment);
        this.log = log;
        this.readiness = readiness;
    }

    /**
     * Ctrl-C in a terminal sends SIGINT to the whole foreground process group, children included. They would all
     * stop at once, the broker before the services that still flush to it. A JVM started with SIGINT ignored keeps
     * ignoring it, so the children leave SIGINT to the launcher, which stops them in order with SIGTERM.
     */
    private static List<String> command(List<String> javaCommand) {
        if (System.getProperty("os.name", "").toLowerCase().startsWith("windows") || !Files.isExecutable(Path.of("/bin/sh"))) {
            return List.copyOf(javaCommand);
        }
        List<String> command = new ArrayList<>(IGNORE_INTERRUPT);
        command.addAll(javaCommand);
        return command;
    }

    Component component() {
        return component;
    }

    Path log() {
        return log;
    }

    Readiness readiness() {
        return readiness;
    }

    /** Told when a child ends without having been asked to (a crash, the OOM killer, a kill -9 from outside). */
    interface UnexpectedExit {
        void exited(ChildProcess child, int exitValue);
    }

    /** Starts the process, appending to its log so the output of earlier runs stays for diagnosis. */
    void start(UnexpectedExit onUnexpectedExit) {
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, "%n===== %s starting at %s =====%n".formatted(component.id(), Instant.now()),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            stopRequested = false;
            process = builder.start();
            startedAt = Instant.now();
            process.getOutputStream().close(); // nothing reads stdin; a closed pipe makes that explicit
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + component.id() + ": " + e.getMessage(), e);
        }
        Process started = process;
        started.onExit().thenAccept(p -> {
            if (!stopRequested) {
                onUnexpectedExit.exited(this, p.exitValue());
            }
        });
    }

    boolean isRunning() {
        return process != null && process.isAlive();
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    long pid() {
        return process.pid();
    }

    Duration upTime() {
        return Duration.between(startedAt, Instant.now());
    }

    /** Throws if the process has died, else answers whether it is ready. */
    boolean checkReady() {
        if (!process.isAlive()) {
            throw new StartupFailure(component, "%s exited with code %d before it was ready%n%s"
                    .formatted(component.id(), process.exitValue(), logTail()));
        }
        return readiness.ready();
    }

    /** SIGTERM: the process runs its shutdown hooks (graceful shutdown of web server, consumers, broker). */
    void requestStop() {
        stopRequested = true;
        if (process != null) {
            process.destroy();
        }
    }

    /** Waits until the process has ended; forces it (SIGKILL) if it is still there at the deadline. */
    void awaitStopped(Instant deadline) {
        if (process == null) {
            return;
        }
        try {
            long millis = Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
            if (!process.waitFor(millis, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** SIGKILL, as a crash would end it: no shutdown hooks run. */
    void kill() {
        stopRequested = true;
        if (process != null) {
            try {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    String logTail() {
        return logTail(40);
    }

    String logTail(int lines) {
        return "---- last lines of " + log + " ----\n" + tail(log, lines);
    }

    static String tail(Path file, int lines) {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            int size = (int) Math.min(length, 16_384);
            byte[] bytes = new byte[size];
            in.seek(length - size);
            in.readFully(bytes);
            String[] all = new String(bytes, StandardCharsets.UTF_8).split("\r?\n");
            return String.join("\n", List.of(all).subList(Math.max(0, all.length - lines), all.length));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
