package org.cartrial.outcomes.analysis.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;

import org.cartrial.outcomes.analysis.domain.OutcomeAnalysis;
import org.cartrial.outcomes.analysis.domain.OutcomeReport;
import org.cartrial.outcomes.analysis.domain.ReferenceCohort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark's generator: reproducible, shaped like the trial, and written in the reference CSV format. */
class SyntheticCohortTest {

    private static final SyntheticCohort COHORT = SyntheticCohort.generate(5_000, 7);

    @Test
    void the_same_seed_gives_the_same_subjects() {
        assertThat(SyntheticCohort.generate(5_000, 7)).isEqualTo(COHORT);
        assertThat(SyntheticCohort.generate(5_000, 8).subjects()).isNotEqualTo(COHORT.subjects());
    }

    @Test
    void is_shaped_like_the_trial() {
        OutcomeReport report = OutcomeAnalysis.of(COHORT.subjects(), COHORT.dataCutoff()).report();

        assertThat(report.counts().enrolled()).isEqualTo(5_000);
        assertThat(report.counts().infused() / 5_000.0).isCloseTo(0.97, within(0.01));
        assertThat(report.orr().proportion()).isCloseTo(0.85, within(0.03));
        assertThat(report.orr().crCriOnlyAfterWindow()).isPositive();
        assertThat(report.counts().relapses()).isPositive();
        assertThat(report.counts().relapseCd19Negative()).isPositive();
        assertThat(report.counts().withdrawn()).isPositive();
        assertThat(report.counts().zeroFollowup()).isPositive();
        assertThat(report.cir().relapses()).isPositive();
        assertThat(report.cir().deathsWithoutRelapse()).isPositive();
        assertThat(report.crs().missing()).isPositive();
        assertThat(report.crs().counts().values()).allMatch(count -> count > 0);
        assertThat(report.icans().counts().values()).allMatch(count -> count > 0);
        // Follow-up long enough for every landmark of OS.
        assertThat(report.os().confLog().landmarks()).allMatch(landmark -> landmark.reached());
    }

    @Test
    void its_csv_reads_back_as_the_same_subjects(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("cohort.csv");
        COHORT.writeCsv(file);

        ReferenceCohort read = ReferenceCohort.read(file);

        assertThat(read.subjects()).isEqualTo(COHORT.subjects());
        assertThat(read.dataCutoff()).isEqualTo(COHORT.dataCutoff());
        String header = Files.readAllLines(file).get(0);
        try (var in = SyntheticCohortTest.class.getResourceAsStream("/analysis/cohort-dev.csv")) {
            assertThat(new String(in.readAllBytes()).lines().findFirst()).hasValue(header);
        }
    }
}
