package org.cartrial.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupArchivesTest {

    @TempDir
    Path folder;

    @Test
    void aJarWhoseTrainingEndedWithoutAnArchiveTrainsNoMore() throws Exception {
        assertThat(StartupArchives.claimTraining(folder)).as("first training").isTrue();
        deadTrainer();
        assertThat(StartupArchives.claimTraining(folder)).as("it failed: given up").isFalse();
        assertThat(StartupArchives.claimTraining(folder)).isFalse();
        assertThat(StartupArchives.failedTrainings(folder)).isEqualTo(StartupArchives.TRAINING_ATTEMPTS);
    }

    @Test
    void aLiveTrainerKeepsTheClaimAndCountsNoFailure() throws Exception {
        assertThat(StartupArchives.claimTraining(folder)).isTrue();
        Files.writeString(folder.resolve("training.pid"), Long.toString(ProcessHandle.current().pid()));
        assertThat(StartupArchives.claimTraining(folder)).isFalse();
        assertThat(StartupArchives.failedTrainings(folder)).isZero();
    }

    @Test
    void theStaticDumpLeavesOutTheLambdaProxiesAndALineTheCrashCutShort() {
        List<String> listed = List.of("# NOTE: Do not modify this file.", "java/lang/Object",
                "@lambda-proxy org/cartrial/outcomes/Consort apply ()Ljava/util/function/Function;",
                "@lambda-form-invoker [LF_RESOLVE] java.lang.invoke.DirectMethodHandle$Holder invokeStatic L_L",
                "org/cartrial/outcomes/OutcomesServiceApplication", "org/springframework/boot/Spring");

        assertThat(StaticArchiveDump.dumpable(listed, false)).containsExactly("# NOTE: Do not modify this file.",
                "java/lang/Object",
                "@lambda-form-invoker [LF_RESOLVE] java.lang.invoke.DirectMethodHandle$Holder invokeStatic L_L",
                "org/cartrial/outcomes/OutcomesServiceApplication");
        assertThat(StaticArchiveDump.dumpable(listed, true)).endsWith("org/springframework/boot/Spring");
    }

    @Test
    void theStaticDumpWritesTheArchiveOnceAndOnlyWhole() throws Exception {
        Path jar = Files.createFile(folder.resolve("app.jar")); // an empty class path entry: the JDK's classes only
        StaticArchiveDump dump = new StaticArchiveDump(folder, jar);
        Files.write(dump.classList(), List.of("java/lang/Object", "java/lang/String",
                "@lambda-proxy java/lang/Runnable run ()Ljava/lang/Runnable;", "java/util/HashMap"));

        dump.startOnce();
        dump.startOnce(); // a second start while the first dump runs starts none

        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (dump.archive().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(dump.archive()).as("the archive, renamed into place").isPresent();
        assertThat(folder.resolve("classes-static.jsa.part")).doesNotExist();
        assertThat(Files.readAllLines(folder.resolve("classes-static.lst"))).doesNotContain(
                "@lambda-proxy java/lang/Runnable run ()Ljava/lang/Runnable;");
    }

    /** The claimed training ran as a process that is gone now, without writing the archive. */
    private void deadTrainer() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.writeString(folder.resolve("training.pid"), Long.toString(gone.pid()));
    }
}
