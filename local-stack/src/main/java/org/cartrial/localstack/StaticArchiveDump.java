package org.cartrial.localstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The static class-data archive of a jar whose dynamic dump failed ({@link StartupArchives}): made from the list of
 * classes its training run loaded, by {@code java -Xshare:dump} in a process of its own that outlives the launcher,
 * at low priority so that it does not slow the start that launched it. It writes to a temporary file and renames it
 * only when the dump succeeded, so a process never maps half an archive. One attempt per build of the jar: a dump
 * that fails leaves its log (and a crash report) in the archive folder, and the jar starts without an archive.
 */
final class StaticArchiveDump {

    private static final String CLASS_LIST = "classes.lst";
    private static final String DUMP_LIST = "classes-static.lst";
    private static final String ARCHIVE = "classes-static.jsa";
    private static final String DUMPING = "classes-static.jsa.part";
    private static final String DUMP_LOCK = "static-dump.pid";
    private static final String DUMP_LOG = "static-dump.log";
    /** The class list's lines for lambda proxies: archiving them is what crashes Java 17's dumps. */
    private static final String LAMBDA_PROXY = "@lambda-proxy";

    private final Path folder;
    private final Path jar;

    StaticArchiveDump(Path folder, Path jar) {
        this.folder = folder;
        this.jar = jar;
    }

    /** Where a training run lists the classes it loads. */
    Path classList() {
        return folder.resolve(CLASS_LIST);
    }

    Optional<Path> archive() throws IOException {
        Path archive = folder.resolve(ARCHIVE);
        return StartupArchives.nonEmpty(archive) ? Optional.of(archive) : Optional.empty();
    }

    /** Starts the dump unless there is no class list, an archive already, or a dump was tried for this build. */
    void startOnce() throws IOException {
        if (!StartupArchives.nonEmpty(classList()) || archive().isPresent()) {
            return;
        }
        try {
            Files.createFile(folder.resolve(DUMP_LOCK)); // one dump, even with two launchers starting at once
        } catch (FileAlreadyExistsException triedBefore) {
            return;
        }
        Path dumpList = folder.resolve(DUMP_LIST);
        String listed = Files.readString(classList(), StandardCharsets.UTF_8);
        Files.write(dumpList, dumpable(listed.lines().toList(), listed.endsWith("\n")));
        List<String> command = List.of("sh", "-c",
                "nice -n 10 \"$@\" && mv -f \"$TRIAL_CDS_DUMPING\" \"$TRIAL_CDS_ARCHIVE\"", "static-archive-dump",
                EmbeddedSystem.javaExecutable(), "-Xshare:dump",
                "-XX:SharedClassListFile=" + dumpList, "-XX:SharedArchiveFile=" + folder.resolve(DUMPING),
                "-XX:+UseSerialGC", "-Xlog:cds*=error", "-XX:ErrorFile=" + folder.resolve("hs_err_dump_pid%p.log"),
                "-cp", jar.toString());
        ProcessBuilder dump = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(folder.resolve(DUMP_LOG).toFile());
        dump.environment().put("TRIAL_CDS_DUMPING", folder.resolve(DUMPING).toString());
        dump.environment().put("TRIAL_CDS_ARCHIVE", folder.resolve(ARCHIVE).toString());
        Process started = dump.start();
        Files.writeString(folder.resolve(DUMP_LOCK), Long.toString(started.pid()));
    }

    /**
     * The list without the lambda proxies, and without its last line if the run that wrote it ended before the line
     * did (a crash at exit loses the end of the file's buffer).
     */
    static List<String> dumpable(List<String> classList, boolean complete) {
        List<String> lines = new ArrayList<>(classList);
        if (!complete && !lines.isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        lines.removeIf(line -> line.startsWith(LAMBDA_PROXY));
        return lines;
    }
}
