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
import org.cartrial.api.safety.AdverseEventCorrected;
import org.cartrial.api.safety.AdverseEventDetails;
import org.cartrial.api.safety.AdverseEventReported;
import org.cartrial.api.safety.AdverseEventUpdated;
import org.cartrial.api.safety.ToxicitySurveillanceCompleted;
import org.cartrial.outcomes.analysis.domain.DataCutoff;
import org.cartrial.outcomes.analysis.domain.OutcomeAnalysis;
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

    private static AdverseEventDetails withGrade(AdverseEventReported reported, int grade) {
        AdverseEventDetails d = reported.details();
        return new AdverseEventDetails(d.ctcaeTerm(), d.meddraCode(), d.onsetDate(), grade, d.gradingScale(), d.crs(),
                d.icans(), d.serious(), d.seriousnessCriteria(), d.relationshipToCarT(), d.expected(), d.susar(),
                d.outcome(), d.resolutionDate());
    }

    /** Before the fix only the report's grade reached the analyses: this failed with a CRS grade of 2. */
    @Test
    void a_corrected_crs_grade_changes_the_crs_figures_and_a_snapshot_before_it_keeps_the_old_grade() {
        infused("S01-0005");
        AdverseEventReported reported = adverseEvent("S01-0005", SubjectCourseProjection.CRS_TERM, DAY_0.plusDays(2), 2,
                T2);
        deliver(reported, T2);
        assertThat(OutcomeAnalysis.of(courses.snapshot(null, null).enrolledCourses(), CUTOFF).crs().ge3Count()).isZero();

        AdverseEventCorrected corrected = new AdverseEventCorrected("S01-0005", "S01", DAY_0.plusDays(2), T3,
                reported.adverseEventId(), withGrade(reported, 3), List.of("grade"), "source document says grade 3",
                "1.0");
        ReceivedEvent correction = new ReceivedEvent(UUID.randomUUID().toString(), "t", T3, "test", corrected);
        assertThat(courses.apply(correction)).isTrue();
        assertThat(courses.apply(correction)).as("applied once under re-delivery").isFalse();

        assertThat(course("S01-0005", null).crs().maxGrade(DataCutoff.of(CUTOFF))).isEqualTo(3);
        assertThat(OutcomeAnalysis.of(courses.snapshot(null, null).enrolledCourses(), CUTOFF).crs().ge3Count())
                .isEqualTo(1);
        assertThat(course("S01-0005", T2).crs().maxGrade(DataCutoff.of(CUTOFF)))
                .as("recorded up to before the correction").isEqualTo(2);
    }

    @Test
    void a_follow_up_that_raises_the_grade_counts_and_a_correction_may_lower_it_whatever_the_order_of_arrival() {
        infused("S01-0006");
        AdverseEventReported reported = adverseEvent("S01-0006", SubjectCourseProjection.ICANS_TERM, DAY_0.plusDays(5),
                1, T1);
        Instant t4 = T3.plusSeconds(3600);
        deliver(new AdverseEventCorrected("S01-0006", "S01", DAY_0.plusDays(5), t4, reported.adverseEventId(),
                withGrade(reported, 2), List.of("grade"), "grade 4 was entered for grade 2", "1.0"), t4);
        deliver(new AdverseEventUpdated("S01-0006", "S01", DAY_0.plusDays(7), T3, reported.adverseEventId(),
                withGrade(reported, 4), List.of("grade"), "1.0"), T3);
        deliver(reported, T1);

        assertThat(course("S01-0006", T1).icans().maxGrade(DataCutoff.of(CUTOFF))).isEqualTo(1);
        assertThat(course("S01-0006", T3).icans().maxGrade(DataCutoff.of(CUTOFF))).isEqualTo(4);
        assertThat(course("S01-0006", null).icans().maxGrade(DataCutoff.of(CUTOFF))).isEqualTo(2);
    }
}
