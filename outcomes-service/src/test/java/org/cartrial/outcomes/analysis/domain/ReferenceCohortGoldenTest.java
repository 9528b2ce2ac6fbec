package org.cartrial.outcomes.analysis.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The reference cohort analysed at its cut-off against what R 4.2.2 with survival 3.5.3 computed on it
 * (shared/data/reference.R): every figure of every section, counts exactly, estimates and limits to 1e-9, and
 * null wherever R has NA. The report is rendered with snake-case names and walked alongside the expected JSON, so a
 * field the report lacks fails too.
 */
class ReferenceCohortGoldenTest {

    static final ObjectMapper RENDERING = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).findAndAddModules().build();

    private static ReferenceCohort cohort;
    private static JsonNode expected;
    private static OutcomeReport report;

    @BeforeAll
    static void analyseTheReferenceCohort() throws IOException {
        cohort = ReferenceCohort.read("/analysis/cohort-dev.csv");
        try (InputStream in = ReferenceCohortGoldenTest.class.getResourceAsStream("/analysis/cohort-dev.expected.json")) {
            expected = new ObjectMapper().readTree(in);
        }
        report = OutcomeAnalysis.of(cohort.subjects(), cohort.dataCutoff()).report();
    }

    @Test
    void is_the_cohort_the_reference_analysed_at_its_cutoff() throws Exception {
        try (InputStream in = ReferenceCohortGoldenTest.class.getResourceAsStream("/analysis/cohort-dev.csv")) {
            String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(in.readAllBytes()));
            assertThat(md5).isEqualTo(expected.at("/oracle/input_md5").asText());
        }
        assertThat(cohort.subjects()).hasSize(240);
        assertThat(report.dataCutoff()).hasToString(expected.at("/oracle/data_cutoff_date").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"counts", "orr", "os", "dfs", "dfs_window_responders", "cir", "crs", "icans"})
    void every_figure_of_the_section_matches_survival_3_5_3(String section) {
        JsonNode actual = RENDERING.valueToTree(report).get(section);
        ReferenceComparison comparison = new ReferenceComparison();

        comparison.compare(expected.get(section), actual, section);

        assertThat(comparison.differences()).isEmpty();
        assertThat(comparison.figures()).as("figures compared").isGreaterThan(5);
        System.out.printf("%s: %d figures, largest difference %.3g%n", section, comparison.figures(),
                comparison.largestDifference());
    }
}
