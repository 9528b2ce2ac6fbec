package org.cartrial.outcomes.analysis.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.cartrial.api.TrialEvent;
import org.cartrial.api.enrollment.PatientEnrolled;
import org.cartrial.api.enrollment.PatientWithdrawn;
import org.cartrial.api.infusion.CarTInfused;
import org.cartrial.api.infusion.CarTProduct;
import org.cartrial.api.outcomes.DeathRecorded;
import org.cartrial.api.outcomes.FollowUpRecorded;
import org.cartrial.api.outcomes.RelapseDetected;
import org.cartrial.api.outcomes.ResponseAssessed;
import org.cartrial.api.safety.AdverseEventReported;
import org.cartrial.api.safety.ToxicitySurveillanceCompleted;
import org.cartrial.outcomes.analysis.domain.AntigenStatus;
import org.cartrial.outcomes.analysis.domain.DataCutoff;
import org.cartrial.outcomes.analysis.domain.MrdStatus;
import org.cartrial.outcomes.analysis.domain.OutcomeAnalysis;
import org.cartrial.outcomes.analysis.domain.OutcomeReport;
import org.cartrial.outcomes.analysis.domain.ReferenceCohort;
import org.cartrial.outcomes.analysis.domain.ReferenceComparison;
import org.cartrial.outcomes.analysis.domain.ResponseAssessment;
import org.cartrial.outcomes.analysis.domain.SubjectCourse;
import org.cartrial.outcomes.analysis.domain.SyndromeHistory;
import org.cartrial.support.events.IdempotentProjection;
import org.cartrial.support.events.ReceivedEvent;
import org.cartrial.testsupport.EmbeddedMongo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.data.mongodb.core.MongoTemplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

/**
 * The reference cohort told as the platform's published events (enrolment, infusions, assessments, relapse,
 * death, follow-up, CRS/ICANS adverse events for grades 1-4 and completed CRS/ICANS surveillances without the
 * syndrome for grade 0), each delivered twice, through the subject-course read model on the
 * MongoDB wire server, then analysed: every figure must still equal R's.
 */
public class ReferenceCohortThroughEventsTest {

    private static final Instant RECORDED = Instant.parse("2024-01-02T00:00:00Z");
    private static final ObjectMapper RENDERING = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).findAndAddModules().build();

    private static EmbeddedMongo mongo;
    private static MongoClient client;
    private static JsonNode expected;
    private static JsonNode rendered;
    private static IdempotentProjection idempotent;

    @BeforeAll
    static void feedTheCohortAsEvents() throws IOException {
        mongo = new EmbeddedMongo();
        client = MongoClients.create(mongo.uri());
        MongoTemplate template = new MongoTemplate(client, "outcomes");
        idempotent = new IdempotentProjection(template);
        SubjectCourseProjection courses = new SubjectCourseProjection(idempotent, template);

        ReferenceCohort cohort = ReferenceCohort.read("/analysis/cohort-dev.csv");
        for (SubjectCourse subject : cohort.subjects()) {
            for (TrialEvent event : eventsOf(subject, cohort.dataCutoff())) {
                ReceivedEvent received = new ReceivedEvent(UUID.randomUUID().toString(), "t", RECORDED, "import", event);
                courses.apply(received);
                courses.apply(received); // at-least-once delivery: the second copy must change nothing
            }
        }
        OutcomeReport report = OutcomeAnalysis.of(courses.snapshot(null, null).enrolledCourses(), cohort.dataCutoff()).report();
        rendered = RENDERING.valueToTree(report);
        try (InputStream in = ReferenceCohortThroughEventsTest.class.getResourceAsStream("/analysis/cohort-dev.expected.json")) {
            expected = new ObjectMapper().readTree(in);
        }
    }

    @AfterAll
    static void stop() {
        client.close();
        mongo.close();
    }

    /** What the sites and services would have published for one row of the cohort, known at the cut-off. */
    public static List<TrialEvent> eventsOf(SubjectCourse s, LocalDate cutoff) {
        String id = s.subjectId();
        String site = s.siteId();
        List<TrialEvent> events = new ArrayList<>();
        LocalDate day0 = s.cd19InfusionDate();
        events.add(new PatientEnrolled(id, site, day0 == null ? LocalDate.of(2020, 1, 1) : day0.minusDays(14), RECORDED, "1.0"));
        if (day0 != null) {
            events.add(infusion(id, site, CarTProduct.CD19, day0));
        }
        if (s.cd22InfusionDate() != null) {
            events.add(infusion(id, site, CarTProduct.CD22, s.cd22InfusionDate()));
        }
        int n = 0;
        for (ResponseAssessment a : s.assessments()) {
            events.add(new ResponseAssessed(id, site, a.assessedOn(), RECORDED, id + "-a" + (n++), BigDecimal.ZERO, false,
                    false, "CNS1", BigDecimal.ONE, BigDecimal.TEN, null, null, a.response(), a.response(),
                    a.mrd() == null ? null : a.mrd() == MrdStatus.NEGATIVE, "1.0"));
        }
        if (s.relapse() != null) {
            events.add(new RelapseDetected(id, site, s.relapse().detectedOn(), RECORDED, "marrow",
                    positive(s.relapse().cd19()), positive(s.relapse().cd22())));
        }
        if (s.deathDate() != null) {
            events.add(new DeathRecorded(id, site, s.deathDate(), RECORDED, "other"));
        }
        if (s.lastFollowUpDate() != null) {
            events.add(new FollowUpRecorded(id, site, s.lastFollowUpDate(), RECORDED));
        }
        if (s.withdrawalDate() != null) {
            events.add(new PatientWithdrawn(id, site, s.withdrawalDate(), RECORDED, "reference cohort", true));
        }
        toxicity(events, id, site, day0, cutoff, "CRS", SubjectCourseProjection.CRS_TERM, s.crs());
        toxicity(events, id, site, day0, cutoff, "ICANS", SubjectCourseProjection.ICANS_TERM, s.icans());
        return events;
    }

    /**
     * Grades 1-4: an adverse event with onset on day 0. Grade 0: the surveillance from day 0 to day 28 (or the
     * cut-off, if earlier) completed without the syndrome. Nothing for a missing grade.
     */
    private static void toxicity(List<TrialEvent> events, String id, String site, LocalDate day0, LocalDate cutoff,
            String syndrome, String term, SyndromeHistory history) {
        Integer grade = history.maxGrade(DataCutoff.of(LocalDate.MAX));
        if (grade == null) {
            return;
        }
        if (grade > 0) {
            events.add(adverseEvent(id, site, day0, term, grade));
        } else {
            LocalDate observedTo = day0.plusDays(28).isAfter(cutoff) ? cutoff : day0.plusDays(28);
            events.add(new ToxicitySurveillanceCompleted(id, site, observedTo, RECORDED, syndrome, day0, observedTo,
                    false, "1.0"));
        }
    }

    private static CarTInfused infusion(String id, String site, CarTProduct product, LocalDate on) {
        return new CarTInfused(id, site, on, RECORDED, product, on.atStartOfDay().toInstant(java.time.ZoneOffset.UTC),
                new BigDecimal("2.5"), new BigDecimal("25"), "LOT", "1.0");
    }

    private static AdverseEventReported adverseEvent(String id, String site, LocalDate onset, String term, int grade) {
        return new AdverseEventReported(id, site, onset, RECORDED, UUID.randomUUID().toString(), term, grade, false,
                "definite", true, "1.0", null, "ASTCT-2019", null, null, List.of(), false, "RECOVERED", null);
    }

    private static Boolean positive(AntigenStatus status) {
        return status == null ? null : status == AntigenStatus.POSITIVE;
    }

    @ParameterizedTest
    @ValueSource(strings = {"counts", "orr", "os", "dfs", "dfs_window_responders", "cir", "crs", "icans"})
    void every_figure_of_the_section_matches_r_after_the_trip_through_events(String section) {
        ReferenceComparison comparison = new ReferenceComparison();

        comparison.compare(expected.get(section), rendered.get(section), section);

        assertThat(comparison.differences()).isEmpty();
        assertThat(comparison.figures()).isGreaterThan(5);
        assertThat(idempotent.duplicatesSuppressed()).isPositive();
    }

    /** Grade 0 arrives as a completed surveillance without the syndrome, so it is told apart from "not reported". */
    @ParameterizedTest
    @ValueSource(strings = {"crs", "icans"})
    void grade_0_and_missing_grades_are_told_apart_as_r_does(String section) {
        JsonNode want = expected.get(section);
        JsonNode got = rendered.get(section);

        assertThat(got.at("/counts/0").asInt()).as(section + " grade 0").isEqualTo(want.at("/counts/0").asInt())
                .isPositive();
        assertThat(got.get("missing").asInt()).isEqualTo(want.get("missing").asInt());
        assertThat(got.get("n_reported").asInt()).isEqualTo(want.get("n_reported").asInt());
        assertThat(got.get("ge3_rate_among_reported").asDouble())
                .isCloseTo(want.get("ge3_rate_among_reported").asDouble(), within(1e-9));
    }
}
