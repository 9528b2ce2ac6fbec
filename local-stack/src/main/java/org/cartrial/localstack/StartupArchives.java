package org.cartrial.localstack;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Class-data sharing for the Spring Boot processes, so that a start loads their classes from a memory-mapped archive
 * instead of parsing and verifying them again: measured here on enrollment-service (C1, context refresh only), 12.8 s
 * of CPU from the executable jar, 10.5 s from its extracted form, 7.5 s from the extracted form with the archive.
 * Four services start at once on two cores, so their CPU is the platform's start time.
 * <p>
 * The JVM archives only classes loaded from plain jar files, so each executable jar is first extracted with Spring
 * Boot's own {@code jarmode=tools extract} next to it ({@code target/startup-archive/<jar>-<mtime>-<size>/}: a rebuilt
 * jar gets a new folder, {@code mvn clean} removes them). The first process started from that folder writes the
 * archive when it exits ({@code -XX:ArchiveClassesAtExit}, JDK 13+), from the classes a whole run used; later starts
 * map it ({@code -XX:SharedArchiveFile}). One process trains at a time (a lock file naming its pid); an archive the
 * JVM finds unusable is ignored with a warning and the process starts as it would without one. Anything that fails
 * here falls back to the executable jar as it is.
 * <p>
 * Java 17's dynamic dump crashes at exit for some class sets (outcomes-service's: a SIGSEGV in
 * {@code SystemDictionaryShared::adjust_lambda_proxy_class_dictionary}, the family of JDK-8274944). So the training
 * run also lists the classes it loads ({@code -XX:DumpLoadedClassList}); when it has left no archive, the next start
 * launches a static dump from that list in the background, at low priority and without the lambda proxies (the part
 * that crashes): measured on outcomes-service, 14.1 s of CPU to start with it instead of 17.6 s without
 * ({@link StaticArchiveDump}).
 */
final class StartupArchives {

    private static final String ARCHIVE = "classes.jsa";
    private static final String TRAIN = "-XX:ArchiveClassesAtExit=";
    private static final String LIST_CLASSES = "-XX:DumpLoadedClassList=";
    /** The JVM lists every class it cannot archive (old class files, failed verification): not for the logs. */
    private static final String QUIET = "-Xlog:cds*=off";
    private static final String TRAINING_LOCK = "training.pid";
    /**
     * Trainings that ended without an archive. After {@link #TRAINING_ATTEMPTS} of them the jar trains no more (no
     * crash at every stop) and gets the static archive of its class list instead.
     */
    private static final String FAILED_TRAININGS = "failed-trainings";
    static final int TRAINING_ATTEMPTS = 1;

    private StartupArchives() {
    }

    /** The JVM options and the jar to start {@code execJar} with. */
    record Launch(List<String> jvmOptions, Path jar) {
    }

    static Launch forJar(Path execJar) {
        try {
            Path folder = folderOf(execJar);
            Path extracted = extracted(execJar, folder);
            Path archive = folder.resolve(ARCHIVE);
            if (nonEmpty(archive) && !trainingRuns(folder)) {
                return new Launch(List.of("-XX:SharedArchiveFile=" + archive, QUIET), extracted);
            }
            StaticArchiveDump staticDump = new StaticArchiveDump(folder, extracted);
            Optional<Path> staticArchive = staticDump.archive();
            if (staticArchive.isPresent()) {
                return new Launch(List.of("-XX:SharedArchiveFile=" + staticArchive.get(), QUIET), extracted);
            }
            if (claimTraining(folder)) {
                return new Launch(List.of(TRAIN + archive, LIST_CLASSES + staticDump.classList(), QUIET), extracted);
            }
            if (!trainingRuns(folder) && failedTrainings(folder) >= TRAINING_ATTEMPTS) {
                staticDump.startOnce();
            }
            return new Launch(List.of(), extracted);
        } catch (IOException | RuntimeException e) {
            return new Launch(List.of(), execJar);
        }
    }

    /** True if a process started with {@code command} writes the archive when it exits. */
    static boolean trains(List<String> command) {
        return command.stream().anyMatch(option -> option.startsWith(TRAIN));
    }

    /** Called with the pid of the process started from a {@link Launch} that trains, so the lock names it. */
    static void training(Path execJar, long pid) {
        try {
            Files.writeString(folderOf(execJar).resolve(TRAINING_LOCK), Long.toString(pid));
        } catch (IOException | RuntimeException ignored) {
            // without the pid the lock counts as stale at the next start: at worst two processes train
        }
    }

    static boolean nonEmpty(Path file) throws IOException {
        return Files.isRegularFile(file) && Files.size(file) > 0;
    }

    private static Path folderOf(Path execJar) throws IOException {
        String name = execJar.getFileName().toString().replaceFirst("\\.jar$", "");
        return execJar.toAbsolutePath().getParent().resolve("startup-archive")
                .resolve(name + "-" + Files.getLastModifiedTime(execJar).toMillis() + "-" + Files.size(execJar));
    }

    private static Path extracted(Path execJar, Path folder) throws IOException {
        Path app = folder.resolve("app");
        Path jar = app.resolve(execJar.getFileName());
        if (Files.isRegularFile(jar)) {
            return jar;
        }
        removeOlderFolders(execJar, folder);
        Files.createDirectories(folder);
        Path partial = Files.createTempDirectory(folder, "app-");
        Process extract = new ProcessBuilder(EmbeddedSystem.javaExecutable(),
                "-Djarmode=tools", "-jar", execJar.toAbsolutePath().toString(), "extract", "--force",
                "--destination", partial.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            if (!extract.waitFor(60, TimeUnit.SECONDS) || extract.exitValue() != 0) {
                extract.destroyForcibly();
                throw new IOException("could not extract " + execJar);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while extracting " + execJar, e);
        }
        try {
            Files.move(partial, app, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException raced) {
            delete(partial); // another launcher extracted it at the same moment
        }
        return jar;
    }

    /**
     * True if this caller may train: no archive yet, no live process training, and fewer than
     * {@link #TRAINING_ATTEMPTS} earlier trainings ended without writing one.
     */
    static boolean claimTraining(Path folder) throws IOException {
        Path lock = folder.resolve(TRAINING_LOCK);
        if (trainingRuns(folder)) {
            return false;
        }
        int failed = failedTrainings(folder);
        if (Files.exists(lock)) {
            // the process that held the lock is gone and left no archive (this is only asked without one)
            Files.writeString(folder.resolve(FAILED_TRAININGS), Integer.toString(++failed));
            Files.deleteIfExists(lock);
        }
        if (failed >= TRAINING_ATTEMPTS) {
            return false;
        }
        try {
            Files.createFile(lock);
            return true;
        } catch (FileAlreadyExistsException raced) {
            return false;
        }
    }

    static int failedTrainings(Path folder) throws IOException {
        Path failures = folder.resolve(FAILED_TRAININGS);
        return Files.exists(failures) ? parse(Files.readString(failures).trim()).orElse(0L).intValue() : 0;
    }

    private static boolean trainingRuns(Path folder) throws IOException {
        Path lock = folder.resolve(TRAINING_LOCK);
        if (!Files.exists(lock)) {
            return false;
        }
        Optional<Long> pid = parse(Files.readString(lock).trim());
        return pid.flatMap(ProcessHandle::of).map(ProcessHandle::isAlive).orElse(false);
    }

    private static Optional<Long> parse(String text) {
        try {
            return Optional.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The folders of earlier builds of the same jar: a hundred MB or more each. */
    private static void removeOlderFolders(Path execJar, Path current) throws IOException {
        Path parent = current.getParent();
        if (!Files.isDirectory(parent)) {
            return;
        }
        String prefix = execJar.getFileName().toString().replaceFirst("\\.jar$", "") + "-";
        try (Stream<Path> siblings = Files.list(parent)) {
            for (Path sibling : siblings.filter(p -> p.getFileName().toString().startsWith(prefix))
                    .filter(p -> !p.equals(current)).toList()) {
                delete(sibling);
            }
        }
    }

    private static void delete(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> all = Files.walk(folder)) {
            List<Path> paths = new ArrayList<>(all.sorted(Comparator.reverseOrder()).toList());
            for (Path path : paths) {
                Files.deleteIfExists(path);
            }
        }
    }
}
