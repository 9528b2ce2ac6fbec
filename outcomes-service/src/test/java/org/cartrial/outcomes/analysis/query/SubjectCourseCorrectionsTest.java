package org.cartrial.outcomes.analysis.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.cartrial.api.CorrectedValue;
import org.cartrial.api.TrialEvent;
import org.cartrial.api.enrollment.PatientEnrolled;
import org.cartrial.api.infusion.CarTInfused;
import org.cartrial.api.infusion.CarTInfusionCorrected;
import org.cartrial.api.infusion.CarTProduct;
import org.cartrial.api.outcomes.DeathCorrected;
import org.cartrial.api.outcomes.DeathRecorded;
import org.cartrial.api.outcomes.FollowUpCorrected;
import org.cartrial.api.outcomes.FollowUpRecorded;
import org.cartrial.api.outcomes.RelapseCorrected;
import org.cartrial.api.outcomes.RelapseDetected;
import org.cartrial.api.outcomes.ResponseAssessed;
import org.cartrial.api.outcomes.ResponseAssessmentCorrected;
import org.cartrial.api.outcomes.ResponseCategory;
import org.cartrial.outcomes.analysis.domain.AntigenStatus;
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
 * Corrections of the clinical course reach the subject-course read model and so every analysis: a corrected death
 * date changes OS, a corrected response the ORR; each correction counts once however often it is delivered, and a
 * snapshot recorded up to a moment before a correction keeps the figures of that moment.
 */
class SubjectCourseCorrectionsTest {

    private static final LocalDate DAY_0 = LocalDate.of(2023, 3, 1);
    private static final LocalDate DAY_28 = DAY_0.plusDays(28);
    private static final LocalDate CUTOFF = LocalDate.of(2023, 12, 31);
    private static final Instant T1 = Instant.parse("2023-03-01T12:00:00Z");
    private static final Instant T2 = Instant.parse("2023-03-30T12:00:00Z");
    private static final Instant T3 = Instant.parse("2023-08-15T12:00:00Z");

    private static EmbeddedMongo mongo;
    private static MongoClient client;
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
        MongoTemplate template = new MongoTemplate(client, "outcomes-" + UUID.randomUUID());
        courses = new SubjectCourseProjection(new IdempotentProjection(template), template);
    }

    private ReceivedEvent received(TrialEvent event, Instant recordedAt) {
        return new ReceivedEvent(UUID.randomUUID().toString(), "t", recordedAt, "test", event);
    }

    private void deliver(TrialEvent event, Instant recordedAt) {
        courses.apply(received(event, recordedAt));
    }

    private void infused(String subject) {
        deliver(new PatientEnrolled(subject, "S01", DAY_0.minusDays(14), T1, "1.0"), T1);
        deliver(new CarTInfused(subject, "S01", DAY_0, T1, CarTProduct.CD19, DAY_0.atStartOfDay().toInstant(ZoneOffset.UTC),
                new BigDecimal("2.5"), new BigDecimal("25"), "LOT", "1.0"), T1);
    }

    private static ResponseAssessed assessed(String subject, String id, ResponseCategory response) {
        return new ResponseAssessed(subject, "S01", DAY_28, T2, id, new BigDecimal("12"), false, false, "CNS1",
                new BigDecimal("1.2"), new BigDecimal("120"), null, null, response, response, null, "1.0");
    }

    private OutcomeAnalysis analysis(Instant recordedUpTo) {
        return OutcomeAnalysis.of(courses.snapshot(null, recordedUpTo).enrolledCourses(), CUTOFF);
    }

    private SubjectCourse course(String subject) {
        return courses.snapshot(null, null).enrolledCourses().stream()
                .filter(c -> c.subjectId().equals(subject)).findFirst().orElseThrow();
    }

    @Test
    void a_corrected_response_changes_the_orr_once_however_often_it_is_delivered() {
        infused("S01-0001");
        deliver(assessed("S01-0001", "a1", ResponseCategory.NR), T2);
        assertThat(analysis(null).orr().count()).isZero();

        ResponseAssessmentCorrected correction = new ResponseAssessmentCorrected("S01-0001", "S01", DAY_28, T3, "a1",
                assessed("S01-0001", "a1", ResponseCategory.CR),
                List.of(new CorrectedValue("derivedResponse", "NR", "CR")), "transcription error", "inv-s01");
        ReceivedEvent once = received(correction, T3);
        assertThat(courses.apply(once)).isTrue();
        assertThat(courses.apply(once)).as("re-delivered").isFalse();

        assertThat(analysis(null).orr().count()).isEqualTo(1);
        assertThat(course("S01-0001").assessments()).hasSize(1);
        assertThat(analysis(T2).orr().count()).as("as recorded before the correction").isZero();
    }

    @Test
    void a_corrected_baseline_reaches_the_later_assessment_it_derives_again() {
        infused("S01-0005");
        LocalDate baselineDay = DAY_0.minusDays(7);
        ResponseAssessed baseline = new ResponseAssessed("S01-0005", "S01", baselineDay, T1, "a0",
                new BigDecimal("40"), false, false, "CNS1", new BigDecimal("1.2"), new BigDecimal("120"), null, null,
                ResponseCategory.NR, ResponseCategory.NR, null, "1.0");
        ResponseAssessed later = assessed("S01-0005", "a1", ResponseCategory.NR);
        deliver(baseline, T1);
        deliver(later, T2);

        // the aggregate's two events of one baseline correction: the baseline's, and the later assessment's
        ResponseAssessed correctedBaseline = new ResponseAssessed("S01-0005", "S01", baselineDay, T1, "a0",
                new BigDecimal("80"), false, false, "CNS1", new BigDecimal("1.2"), new BigDecimal("120"), null, null,
                ResponseCategory.NR, ResponseCategory.NR, null, "1.0");
        deliver(new ResponseAssessmentCorrected("S01-0005", "S01", baselineDay, T3, "a0", correctedBaseline,
                List.of(new CorrectedValue("marrowBlastsPercent", "40", "80")), "slide re-read", "inv-s01"), T3);
        deliver(new ResponseAssessmentCorrected("S01-0005", "S01", DAY_28, T3, "a1",
                assessed("S01-0005", "a1", ResponseCategory.PR),
                List.of(new CorrectedValue("derivedResponse", "NR", "PR")),
                "baseline assessment a0 corrected: slide re-read", "inv-s01"), T3);

        assertThat(course("S01-0005").assessments()).extracting(a -> a.response())
                .containsExactlyInAnyOrder(ResponseCategory.NR, ResponseCategory.PR);
        assertThat(courses.snapshot(null, T2).enrolledCourses().stream()
                .filter(c -> c.subjectId().equals("S01-0005")).findFirst().orElseThrow().assessments())
                .as("as recorded before the correction").extracting(a -> a.response())
                .containsOnly(ResponseCategory.NR);
        // a partial response is no remission: the ORR (CR/CRi) follows the derived responses and counts none
        assertThat(analysis(null).orr().count()).isZero();
        assertThat(analysis(null).orr().n()).isEqualTo(1);
    }

    @Test
    void a_corrected_death_date_changes_overall_survival() {
        infused("S01-0002");
        deliver(new DeathRecorded("S01-0002", "S01", DAY_0.plusDays(100), T2, "disease"), T2);
        double before = analysis(null).os().maxTime();

        DeathCorrected correction = new DeathCorrected("S01-0002", "S01", DAY_0.plusDays(40), T3,
                new DeathRecorded("S01-0002", "S01", DAY_0.plusDays(40), T2, "car-t-related"),
                List.of(new CorrectedValue("occurredOn", DAY_0.plusDays(100).toString(), DAY_0.plusDays(40).toString())),
                "death certificate", "inv-s01");
        ReceivedEvent once = received(correction, T3);
        courses.apply(once);
        courses.apply(once);

        assertThat(course("S01-0002").deathDate()).isEqualTo(DAY_0.plusDays(40));
        assertThat(analysis(null).os().maxTime()).isLessThan(before);
        assertThat(analysis(null).os().events()).isEqualTo(1);
        assertThat(analysis(T2).os().maxTime()).as("as recorded before the correction").isEqualTo(before);
    }

    @Test
    void a_corrected_relapse_and_follow_up_reach_the_course_and_the_latest_correction_wins() {
        infused("S01-0003");
        deliver(assessed("S01-0003", "a1", ResponseCategory.CR), T2);
        deliver(new RelapseDetected("S01-0003", "S01", DAY_0.plusDays(90), T2, "marrow", true, null), T2);
        deliver(new FollowUpRecorded("S01-0003", "S01", DAY_0.plusDays(120), T2), T2);
        RelapseDetected first = new RelapseDetected("S01-0003", "S01", DAY_0.plusDays(95), T2, "marrow", false, null);
        RelapseDetected second = new RelapseDetected("S01-0003", "S01", DAY_0.plusDays(97), T2, "marrow", false, true);
        deliver(new RelapseCorrected("S01-0003", "S01", second.occurredOn(), T3.plusSeconds(60), second, List.of(),
                "second correction", "inv-s01"), T3.plusSeconds(60));
        deliver(new RelapseCorrected("S01-0003", "S01", first.occurredOn(), T3, first, List.of(), "first", "inv-s01"),
                T3);
        deliver(new FollowUpCorrected("S01-0003", "S01", DAY_0.plusDays(110), T3, DAY_0.plusDays(120),
                new FollowUpRecorded("S01-0003", "S01", DAY_0.plusDays(110), T3), List.of(), "visit date", "inv-s01"),
                T3);

        SubjectCourse course = course("S01-0003");
        assertThat(course.relapse().detectedOn()).isEqualTo(DAY_0.plusDays(97));
        assertThat(course.relapse().cd22()).isEqualTo(AntigenStatus.POSITIVE);
        assertThat(course.lastFollowUpDate()).isEqualTo(DAY_0.plusDays(110));
    }

    @Test
    void a_corrected_cd19_infusion_date_moves_day_0() {
        infused("S01-0004");
        deliver(new DeathRecorded("S01-0004", "S01", DAY_0.plusDays(100), T2, "disease"), T2);
        double before = analysis(null).os().maxTime();
        CarTInfused corrected = new CarTInfused("S01-0004", "S01", DAY_0.minusDays(10), T1, CarTProduct.CD19,
                DAY_0.minusDays(10).atStartOfDay().toInstant(ZoneOffset.UTC), new BigDecimal("2.5"),
                new BigDecimal("25"), "LOT", "1.0");
        ReceivedEvent once = received(new CarTInfusionCorrected("S01-0004", "S01", corrected.occurredOn(), T3,
                CarTProduct.CD19, corrected, List.of(), "pharmacy record", "inv-s01"), T3);
        courses.apply(once);
        courses.apply(once);

        assertThat(course("S01-0004").cd19InfusionDate()).isEqualTo(DAY_0.minusDays(10));
        assertThat(analysis(null).os().maxTime()).isGreaterThan(before);
    }
}
