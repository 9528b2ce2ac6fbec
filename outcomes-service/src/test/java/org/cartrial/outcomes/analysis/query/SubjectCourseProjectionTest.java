package org.cartrial.outcomes.analysis.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.cartrial.api.TrialEvent;
import org.cartrial.api.enrollment.PatientEnrolled;
import org.cartrial.api.infusion.CarTInfused;
import org.cartrial.api.infusion.CarTProduct;
import org.cartrial.api.safety.AdverseEventReported;
import org.cartrial.api.safety.ToxicitySurveillanceCompleted;
import org.cartrial.outcomes.analysis.domain.DataCutoff;
import org.cartrial.outcomes.analysis.domain.SubjectCourse;
import org.cartrial.support.events.IdempotentProjection;
import org.cartrial.support.events.ReceivedEvent;
import org.cartrial.testsupport.EmbeddedMongo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

/**
 * The CRS/ICANS grades of the subject-course read model: an adverse event gives its grade, a surveillance completed
 * without the syndrome gives grade 0 unless an adverse event of it exists, and only what was recorded up to the
 * snapshot and dated by the cut-off counts.
 */
class SubjectCourseProjectionTest {

    private static final LocalDate DAY_0 = LocalDate.of(2023, 3, 1);
    private static final LocalDate DAY_28 = DAY_0.plusDays(28);
    private static final LocalDate CUTOFF = LocalDate.of(2023, 12, 31);
    private static final Instant T1 = Instant.parse("2023-03-01T12:00:00Z");
    private static final Instant T2 = Instant.parse("2023-03-30T12:00:00Z");
    private static final Instant T3 = Instant.parse("2023-04-15T12:00:00Z");

    private static EmbeddedMongo mongo;
    private static MongoClient client;
    private MongoTemplate template;
    private SubjectCourseProjection courses;

    @BeforeAll
    static void start() {
        mongo = new EmbeddedMongo();
        client = MongoClients.create(mongo.uri());
    }

    @AfterAll
    static void stop() {
        client.close();
        mongo.close();
    }

    @BeforeEach
    void setUp() {
        template = new MongoTemplate(client, "outcomes-" + UUID.randomUUID());
        courses = new SubjectCourseProjection(new IdempotentProjection(template), template);
    }

    private boolean deliver(TrialEvent event, Instant recordedAt) {
        return courses.apply(new ReceivedEvent(UUID.randomUUID().toString(), "t", recordedAt, "test", event));
    }

    private void infused(String subject) {
        deliver(new PatientEnrolled(subject, "S01", DAY_0.minusDays(14), T1, "1.0"), T1);
        deliver(new CarTInfused(subject, "S01", DAY_0, T1, CarTProduct.CD19, DAY_0.atStartOfDay().toInstant(ZoneOffset.UTC),
                new BigDecimal("2.5"), new BigDecimal("25"), "LOT", "1.0"), T1);
    }

    private static ToxicitySurveillanceCompleted noneObserved(String subject, String syndrome, LocalDate to,
            Instant recordedAt) {
        return new ToxicitySurveillanceCompleted(subject, "S01", to, recordedAt, syndrome, DAY_0, to, false, "1.0");
    }

    private static AdverseEventReported adverseEvent(String subject, String term, LocalDate onset, int grade,
            Instant recordedAt) {
        return new AdverseEventReported(subject, "S01", onset, recordedAt, UUID.randomUUID().toString(), term, grade,
                false, "definite", true, "1.0", null, "ASTCT-2019", null, null, List.of(), false, "RECOVERED", null);
    }

    private SubjectCourse course(String subject, Instant recordedUpTo) {
        return courses.snapshot(null, recordedUpTo).enrolledCourses().stream()
                .filter(c -> c.subjectId().equals(subject)).findFirst().orElseThrow();
    }

    @Test
    void a_surveillance_without_the_syndrome_is_grade_0_and_the_other_syndrome_stays_missing() {
        infused("S01-0001");
        ToxicitySurveillanceCompleted crsNone = noneObserved("S01-0001", "CRS", DAY_28, T2);
        ReceivedEvent received = new ReceivedEvent(UUID.randomUUID().toString(), "t", T2, "test", crsNone);

        assertThat(courses.apply(received)).isTrue();
        assertThat(courses.apply(received)).isFalse();

        SubjectCourse course = course("S01-0001", null);
        assertThat(course.crs().maxGrade(DataCutoff.of(CUTOFF))).isZero();
        assertThat(course.crs().noneObservedUpTo()).isEqualTo(DAY_28);
        assertThat(course.icans().maxGrade(DataCutoff.of(CUTOFF))).isNull();
    }

    @Test
    void an_adverse_event_of_the_syndrome_outranks_the_surveillance_whatever_the_order_of_arrival() {
        infused("S01-0002");
        deliver(adverseEvent("S01-0002", SubjectCourseProjection.ICANS_TERM, DAY_0.plusDays(40), 2, T3), T3);
        deliver(noneObserved("S01-0002", "ICANS", DAY_28, T2), T2);
        deliver(adverseEvent("S01-0002", "Febrile neutropenia", DAY_0.plusDays(3), 4, T2), T2);
        deliver(noneObserved("S01-0002", "CRS", DAY_28, T2), T2);

        SubjectCourse course = course("S01-0002", null);
        assertThat(course.icans().maxGrade(DataCutoff.of(CUTOFF))).isEqualTo(2);
        assertThat(course.crs().maxGrade(DataCutoff.of(CUTOFF))).as("another term is not CRS").isZero();
    }

    @Test
    void only_what_was_recorded_up_to_the_snapshot_and_dated_by_the_cutoff_counts() {
        infused("S01-0003");
        deliver(noneObserved("S01-0003", "CRS", DAY_28, T2), T2);
        deliver(adverseEvent("S01-0003", SubjectCourseProjection.CRS_TERM, DAY_0.plusDays(40), 3, T3), T3);

        assertThat(courses.snapshot(null, T1).facts()).isEqualTo(2);
        assertThat(course("S01-0003", T1).crs().maxGrade(DataCutoff.of(CUTOFF))).isNull();
        assertThat(course("S01-0003", T2).crs().maxGrade(DataCutoff.of(CUTOFF))).isZero();
        assertThat(course("S01-0003", T3).crs().maxGrade(DataCutoff.of(CUTOFF))).isEqualTo(3);
        assertThat(course("S01-0003", null).crs().maxGrade(DataCutoff.of(DAY_0.plusDays(39)))).isZero();
        assertThat(course("S01-0003", null).crs().maxGrade(DataCutoff.of(DAY_28.minusDays(1)))).isNull();
    }

    @Test
    void an_observed_or_unknown_syndrome_is_not_read_as_grade_0() {
        infused("S01-0004");
        assertThat(deliver(new ToxicitySurveillanceCompleted("S01-0004", "S01", DAY_28, T2, "CRS", DAY_0, DAY_28, true,
                "1.0"), T2)).isFalse();
        assertThat(deliver(noneObserved("S01-0004", "HLH", DAY_28, T2), T2)).isFalse();

        assertThat(course("S01-0004", null).crs().maxGrade(DataCutoff.of(CUTOFF))).isNull();
    }
}
