package org.cartrial.localstack;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/** {@code status}: which processes of a system started on this data folder run, and whether each is healthy. */
final class StatusReport {

    private final Path dataDir;
    private final RunFolder run;

    StatusReport(Path dataDir) {
        this.dataDir = dataDir;
        this.run = new RunFolder(dataDir);
    }

    /** Answers 0 when everything runs and is healthy, 1 otherwise (for scripts). */
    int print(PrintStream out) {
        Properties endpoints = run.readEndpoints();
        String host = EmbeddedSystem.hostForUrl(endpoints.getProperty("host", "127.0.0.1"));
        Optional<ProcessHandle> launcher = run.read(RunFolder.LAUNCHER).flatMap(PidFile::liveProcess);
        out.printf("trial platform on %s%n", dataDir);
        out.printf("  %-20s %s%n", RunFolder.LAUNCHER,
                launcher.map(p -> "running (pid " + p.pid() + ")").orElse("not running"));
        boolean healthy = launcher.isPresent();
        for (Component component : Component.values()) {
            Optional<ProcessHandle> process = run.read(component.id()).flatMap(PidFile::liveProcess);
            String port = endpoints.getProperty(component.id() + ".port");
            String state;
            Properties restarts = run.readRestarts(component.id());
            if (process.isEmpty()) {
                state = Boolean.parseBoolean(restarts.getProperty("gave-up"))
                        ? "not running: it kept dying and the launcher gave up on it" : "not running";
                healthy = false;
            } else if (port == null) {
                state = "running (pid " + process.get().pid() + "), still starting";
                healthy = false;
            } else {
                Readiness check = Readiness.of(component, host, Integer.parseInt(port));
                boolean ready = check.ready();
                healthy &= ready;
                state = "running (pid %d), %s at %s".formatted(process.get().pid(),
                        ready ? (component.hasHttpHealth() ? "UP" : "accepting connections")
                                : (component.hasHttpHealth() ? "NOT UP" : "NOT accepting connections"),
                        check.target());
            }
            out.printf("  %-20s %s%s%n", component.id(), state, restarted(restarts));
        }
        if (endpoints.containsKey("gateway.url") && launcher.isPresent()) {
            out.printf("gateway: %s%n", endpoints.getProperty("gateway.url"));
        }
        return healthy ? 0 : 1;
    }

    /** E.g. {@code ; restarted 2 times, last exit: killed by SIGKILL (exit code 137) at 2026-12-03T23:59:01Z}. */
    static String restarted(Properties restarts) {
        String lastExit = restarts.getProperty("last-exit");
        if (lastExit == null) {
            return "";
        }
        int count = Integer.parseInt(restarts.getProperty("restarts", "0"));
        return "; restarted %d time%s, last exit: %s at %s".formatted(count, count == 1 ? "" : "s", lastExit,
                restarts.getProperty("last-exit-at", "?"));
    }
}
