package org.cartrial.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PidFileTest {

    @TempDir
    Path dir;

    @Test
    void a_pid_file_names_the_live_process_that_wrote_it() {
        PidFile.write(dir.resolve("me.pid"), ProcessHandle.current());
        assertThat(PidFile.read(dir.resolve("me.pid")).flatMap(PidFile::liveProcess))
                .contains(ProcessHandle.current());
    }

    @Test
    void a_stale_file_does_not_name_a_process_that_got_the_same_pid_later() throws Exception {
        // our pid, but a start moment that is not ours: the pid was reused after a crash
        Files.writeString(dir.resolve("old.pid"), ProcessHandle.current().pid() + "\n1000\n");
        assertThat(PidFile.read(dir.resolve("old.pid")).flatMap(PidFile::liveProcess)).isEmpty();
    }

    @Test
    void a_finished_process_or_a_broken_file_is_not_running() throws Exception {
        Process finished = new ProcessBuilder("true").start();
        finished.waitFor();
        PidFile.write(dir.resolve("done.pid"), finished.toHandle());
        assertThat(PidFile.read(dir.resolve("done.pid")).flatMap(PidFile::liveProcess)).isEmpty();

        Files.writeString(dir.resolve("broken.pid"), "not a pid");
        assertThat(PidFile.read(dir.resolve("broken.pid"))).isEmpty();
        assertThat(PidFile.read(dir.resolve("missing.pid"))).isEmpty();
    }
}
