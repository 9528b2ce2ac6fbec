package org.cartrial.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupArchivesTest {

    @TempDir
    Path folder;

    @Test
    void aJarWhoseTrainingsKeepEndingWithoutAnArchiveStopsTraining() throws Exception {
        assertThat(StartupArchives.claimTraining(folder)).as("first training").isTrue();
        deadTrainer();
        assertThat(StartupArchives.claimTraining(folder)).as("one failure: tried again").isTrue();
        deadTrainer();
        assertThat(StartupArchives.claimTraining(folder)).as("two failures: given up").isFalse();
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

    /** The claimed training ran as a process that is gone now, without writing the archive. */
    private void deadTrainer() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.writeString(folder.resolve("training.pid"), Long.toString(gone.pid()));
    }
}
