package org.cartrial.enrollment.status.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.cartrial.api.CorrectedValue;
import org.cartrial.api.enrollment.FailedCriterion;
import org.cartrial.api.enrollment.PatientEnrolled;
import org.cartrial.api.enrollment.PatientScreened;
import org.cartrial.api.enrollment.ScreeningFindingsCorrected;
import org.cartrial.api.enrollment.ScreeningFindingsCorrected.Eligibility;
import org.cartrial.api.infusion.CarTInfused;
import org.cartrial.api.infusion.CarTInfusionCorrected;
import org.cartrial.api.infusion.CarTProduct;
import org.cartrial.api.outcomes.DeathCorrected;
import org.cartrial.api.outcomes.DeathRecorded;
import org.cartrial.enrollment.status.domain.SubjectMilestones;
import org.cartrial.support.events.IdempotentProjection;
import org.cartrial.support.events.ReceivedEvent;
import org.cartrial.testsupport.EmbeddedMongo;
import org.cartrial.testsupport.PublishedEventExamples;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

/** The subject status shows the corrected infusion and death dates, and the eligibility decided again. */
class SubjectStatusCorrectionsTest {

    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

    private static EmbeddedMongo mongo;
    private static MongoClient client;

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

    private static CarTInfused cd19(LocalDate on) {
        return new CarTInfused("S01-0001", "S01", on, AT, CarTProduct.CD19, on.atStartOfDay().toInstant(ZoneOffset.UTC),
                new BigDecimal("2.5"), new BigDecimal("24"), "LOT", "1.0");
    }

    private static ReceivedEvent received(org.cartrial.api.TrialEvent event) {
        return new ReceivedEvent(UUID.randomUUID().toString(), "t", AT, "u", event);
    }

    @Test
    void corrected_infusion_and_death_dates_replace_the_recorded_ones() {
        MongoTemplate template = new MongoTemplate(client, "enrollment-" + UUID.randomUUID());
        SubjectStatusProjection status = new SubjectStatusProjection(new IdempotentProjection(template), template);
        LocalDate infused = LocalDate.of(2026, 11, 20);
        LocalDate died = LocalDate.of(2026, 11, 30);
        status.apply(received(cd19(infused)));
        status.apply(received(new DeathRecorded("S01-0001", "S01", died, AT, "disease")));

        status.apply(received(new CarTInfusionCorrected("S01-0001", "S01", infused.minusDays(1), AT, CarTProduct.CD19,
                cd19(infused.minusDays(1)), List.of(), "pharmacy record", "inv-s01")));
        status.apply(received(new DeathCorrected("S01-0001", "S01", died.minusDays(2), AT,
                new DeathRecorded("S01-0001", "S01", died.minusDays(2), AT, "disease"), List.of(), "certificate",
                "inv-s01")));

        var milestones = status.subject("S01-0001").orElseThrow();
        assertThat(milestones.cd19InfusedOn()).isEqualTo(infused.minusDays(1));
        assertThat(milestones.diedOn()).isEqualTo(died.minusDays(2));
    }

    @Test
    void corrected_screening_findings_are_shown_with_old_value_reason_and_corrector() {
        MongoTemplate template = new MongoTemplate(client, "enrollment-" + UUID.randomUUID());
        SubjectStatusProjection status = new SubjectStatusProjection(new IdempotentProjection(template), template);
        ReceivedEvent correction = received(new org.cartrial.api.enrollment.ScreeningFindingsCorrected("S01-0002",
                "S01", LocalDate.of(2026, 11, 20), AT, null,
                List.of(new org.cartrial.api.CorrectedValue("weightKg", "26.4", "24.6")), "scale miscalibrated",
                "coordinator-s01", null, null, false));
        assertThat(status.apply(correction)).isTrue();
        assertThat(status.apply(correction)).isFalse();

        assertThat(status.correctedFindings("S01-0002")).containsExactly(java.util.Map.entry("weightKg",
                new SubjectStatusProjection.CorrectedFinding("24.6", "26.4", "scale miscalibrated", "coordinator-s01")));
        assertThat(status.correctedFindings("S01-0404")).isEmpty();
    }

    @Test
    void an_enrolled_subject_found_ineligible_stays_on_study_with_an_eligibility_deviation_until_found_eligible() {
        MongoTemplate template = new MongoTemplate(client, "enrollment-" + UUID.randomUUID());
        SubjectStatusProjection status = new SubjectStatusProjection(new IdempotentProjection(template), template);
        PatientScreened screening = PublishedEventExamples.screened("S01-0003", "S01", true, AT);
        status.apply(received(screening));
        status.apply(received(new PatientEnrolled("S01-0003", "S01", LocalDate.of(2026, 11, 21), AT, "1.0")));

        Eligibility eligible = Eligibility.of(screening);
        Eligibility failed = new Eligibility(false, List.of(new FailedCriterion("cd19-expression", "CD19 90%")),
                "1.0");
        ReceivedEvent ineligible = received(new ScreeningFindingsCorrected("S01-0003", "S01",
                screening.occurredOn(), AT, null, List.of(new CorrectedValue("cd19ExpressionPercent", "98.2", "90")),
                "FCM re-read", "coordinator-s01", eligible, failed, true));
        assertThat(status.apply(ineligible)).isTrue();
        assertThat(status.apply(ineligible)).isFalse();

        SubjectMilestones deviating = status.subject("S01-0003").orElseThrow();
        assertThat(deviating.eligible()).isFalse();
        assertThat(deviating.eligibilityDeviation()).isTrue();
        assertThat(deviating.status().fhirCode()).as("the treatment happened: still on study").isEqualTo("on-study");

        status.apply(received(new ScreeningFindingsCorrected("S01-0003", "S01", screening.occurredOn(), AT, null,
                List.of(new CorrectedValue("cd19ExpressionPercent", "90", "98.2")), "FCM re-read again",
                "coordinator-s01", failed, eligible, false)));
        SubjectMilestones resolved = status.subject("S01-0003").orElseThrow();
        assertThat(resolved.eligible()).isTrue();
        assertThat(resolved.eligibilityDeviation()).isFalse();
    }

    @Test
    void a_screen_failure_found_eligible_is_shown_eligible() {
        MongoTemplate template = new MongoTemplate(client, "enrollment-" + UUID.randomUUID());
        SubjectStatusProjection status = new SubjectStatusProjection(new IdempotentProjection(template), template);
        PatientScreened screening = PublishedEventExamples.screened("S01-0004", "S01", false, AT);
        status.apply(received(screening));
        assertThat(status.subject("S01-0004").orElseThrow().status().fhirCode()).isEqualTo("ineligible");

        status.apply(received(new ScreeningFindingsCorrected("S01-0004", "S01", screening.occurredOn(), AT, null,
                List.of(new CorrectedValue("cd19ExpressionPercent", "90", "98.2")), "FCM re-read",
                "coordinator-s01", Eligibility.of(screening), new Eligibility(true, List.of(), "1.0"), false)));

        assertThat(status.subject("S01-0004").orElseThrow().status().fhirCode()).isEqualTo("eligible");
    }
}
