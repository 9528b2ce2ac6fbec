package org.cartrial.infusion.readiness.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cartrial.infusion.ClinicalEventExamples.adverseEventCorrected;
import static org.cartrial.infusion.ClinicalEventExamples.adverseEventReported;
import static org.cartrial.infusion.ClinicalEventExamples.adverseEventUpdated;
import static org.cartrial.infusion.ClinicalEventExamples.assessed;
import static org.cartrial.infusion.ClinicalEventExamples.enrolled;
import static org.cartrial.infusion.ClinicalEventExamples.withdrawn;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.bson.Document;
import org.cartrial.api.CorrectedValue;
import org.cartrial.api.EventCatalogue;
import org.cartrial.api.TrialEvent;
import org.cartrial.api.outcomes.ResponseAssessed;
import org.cartrial.api.outcomes.ResponseAssessmentCorrected;
import org.cartrial.api.outcomes.ResponseCategory;
import org.cartrial.infusion.readiness.domain.AdverseEventState;
import org.cartrial.infusion.readiness.domain.Cd22Gate;
import org.cartrial.infusion.readiness.domain.ClinicalState;
import org.cartrial.infusion.readiness.domain.ResponseAssessment;
import org.cartrial.infusion.readiness.domain.StatePosition;
import org.cartrial.support.events.IdempotentProjection;
import org.cartrial.support.events.ReceivedEvent;
import org.cartrial.testsupport.EmbeddedMongo;
import org.cartrial.testsupport.PublishedEventExamples;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

/** The readiness read model fed with events and read back, on the MongoDB wire server. */
class ReadinessProjectionTest {

    private static final String SUBJECT = "S01-0001";
    private static final LocalDate ENROLLED = LocalDate.of(2026, 11, 21);
    private static final Instant T1 = Instant.parse("2026-12-28T10:00:00Z");
    private static final Instant T2 = Instant.parse("2027-01-03T10:00:00Z");
    private static final Instant T3 = Instant.parse("2027-01-06T10:00:00Z");

    private EmbeddedMongo mongo;
    private MongoClient client;
    private MongoTemplate template;
    private IdempotentProjection idempotent;
    private ReadinessProjection readiness;

    @BeforeEach
    void setUp() {
        mongo = new EmbeddedMongo();
        client = MongoClients.create(mongo.uri());
        template = new MongoTemplate(client, "infusion");
        idempotent = new IdempotentProjection(template);
        readiness = new ReadinessProjection(idempotent, template);
    }

    @AfterEach
    void tearDown() {
        client.close();
        mongo.close();
    }

    private static ReceivedEvent received(String id, TrialEvent event) {
        return new ReceivedEvent(id, EventCatalogue.typeOf(event.getClass()), event.recordedAt(), "someone", event);
    }

    private ClinicalState state() {
        return readiness.stateOf(SUBJECT).orElseThrow();
    }

    @Test
    void learns_enrolment_and_withdrawal() {
        assertThat(readiness.stateOf(SUBJECT)).isEmpty();

        readiness.apply(received("e1", enrolled(SUBJECT, "S01", ENROLLED)));
        assertThat(state().enrolledOn()).isEqualTo(ENROLLED);
        assertThat(state().siteId()).isEqualTo("S01");
        assertThat(state().withdrawnOn()).isNull();

        readiness.apply(received("e2", withdrawn(SUBJECT, "S01", LocalDate.of(2027, 2, 1))));
        assertThat(state().withdrawnOn()).isEqualTo(LocalDate.of(2027, 2, 1));
        assertThat(state().enrolledOn()).isEqualTo(ENROLLED);
    }

    @Test
    void keeps_assessments_by_id_whatever_order_they_arrive_in_and_the_latest_by_date_counts() {
        readiness.apply(received("e1", enrolled(SUBJECT, "S01", ENROLLED)));
        readiness.apply(received("e3", assessed(SUBJECT, "S01", "a.2", LocalDate.of(2027, 1, 5), T3,
                ResponseCategory.CR, true)));
        readiness.apply(received("e2", assessed(SUBJECT, "S01", "a$1", LocalDate.of(2026, 12, 28), T1,
                ResponseCategory.CR, false)));

        ClinicalState state = state();
        assertThat(state.assessments()).containsOnlyKeys("a.2", "a$1");
        assertThat(state.assessments().get("a$1")).isEqualTo(new ResponseAssessment("a$1",
                LocalDate.of(2026, 12, 28), T1, ResponseCategory.CR, false));
        assertThat(state.latestAssessmentBy(LocalDate.of(2027, 1, 15)).orElseThrow().assessmentId()).isEqualTo("a.2");
        assertThat(Cd22Gate.evaluate(state, LocalDate.of(2027, 1, 15)).open()).isTrue();
        assertThat(state.position()).isEqualTo(new StatePosition("e2", T1)); // the last applied, not the latest dated
    }

    @Test
    void follows_an_adverse_event_from_report_to_resolution_and_correction() {
        LocalDate onset = LocalDate.of(2027, 1, 2);
        readiness.apply(received("r", adverseEventReported(SUBJECT, "S01", "ae-1", "Colitis", 2, onset, T1)));
        assertThat(state().adverseEvents().get("ae-1")).isEqualTo(new AdverseEventState("ae-1", "Colitis", 2, onset,
                null));

        readiness.apply(received("u", adverseEventUpdated(SUBJECT, "S01", "ae-1", "Colitis", 3, onset, null, T2)));
        assertThat(state().adverseEvents().get("ae-1").grade()).isEqualTo(3);
        assertThat(state().openAdverseEventsOn(LocalDate.of(2027, 1, 4))).hasSize(1);

        readiness.apply(received("v", adverseEventUpdated(SUBJECT, "S01", "ae-1", "Colitis", 3, onset,
                LocalDate.of(2027, 1, 5), T3)));
        assertThat(state().adverseEvents().get("ae-1").resolvedOn()).isEqualTo(LocalDate.of(2027, 1, 5));
        assertThat(state().openAdverseEventsOn(LocalDate.of(2027, 1, 4))).hasSize(1);
        assertThat(state().openAdverseEventsOn(LocalDate.of(2027, 1, 5))).isEmpty();
    }

    @Test
    void the_adverse_event_is_what_its_event_recorded_last_says_whatever_the_arrival_order() {
        LocalDate onset = LocalDate.of(2027, 1, 2);
        readiness.apply(received("c", adverseEventCorrected(SUBJECT, "S01", "ae-1", "Colitis", 2, onset, T3)));
        readiness.apply(received("r", adverseEventReported(SUBJECT, "S01", "ae-1", "Colitis", 4, onset, T1)));

        assertThat(state().adverseEvents().get("ae-1").grade()).isEqualTo(2);
    }

    @Test
    void a_corrected_assessment_is_what_the_gate_sees_and_its_redelivery_changes_nothing() {
        readiness.apply(received("e1", enrolled(SUBJECT, "S01", ENROLLED)));
        ResponseAssessed first = assessed(SUBJECT, "S01", "day-28", LocalDate.of(2026, 12, 28), T1,
                ResponseCategory.CR, true);
        readiness.apply(received("e2", first));
        assertThat(Cd22Gate.evaluate(state(), LocalDate.of(2027, 1, 15)).open()).isTrue();

        // the MRD result was mistyped: the corrected assessment is MRD-positive, so the gate must close
        ResponseAssessed corrected = assessed(SUBJECT, "S01", "day-28", LocalDate.of(2026, 12, 28), T1,
                ResponseCategory.CR, false);
        ReceivedEvent correction = received("e3", new ResponseAssessmentCorrected(SUBJECT, "S01",
                LocalDate.of(2026, 12, 28), T2, "day-28", corrected,
                List.of(new CorrectedValue("mrdPercent", "0.0005", "0.5")), "assay result mistyped", "investigator-S01"));
        assertThat(readiness.apply(correction)).isTrue();

        assertThat(state().assessments().get("day-28").mrdNegative()).isFalse();
        assertThat(Cd22Gate.evaluate(state(), LocalDate.of(2027, 1, 15)).open()).isFalse();
        assertThat(readiness.apply(received("e2", first))).isFalse();
        assertThat(readiness.apply(correction)).isFalse();
        assertThat(Cd22Gate.evaluate(state(), LocalDate.of(2027, 1, 15)).open()).isFalse();
    }

    @Test
    void the_same_event_delivered_twice_is_applied_once_and_unused_events_are_ignored() {
        ReceivedEvent assessment = received("e2", assessed(SUBJECT, "S01", "a1", LocalDate.of(2026, 12, 28), T1,
                ResponseCategory.CR, true));
        assertThat(readiness.apply(received("e1", enrolled(SUBJECT, "S01", ENROLLED)))).isTrue();
        assertThat(readiness.apply(assessment)).isTrue();
        assertThat(readiness.apply(received("e3", adverseEventReported(SUBJECT, "S01", "ae-1", "Anemia", 3,
                LocalDate.of(2027, 1, 2), T2)))).isTrue();

        assertThat(readiness.apply(assessment)).isFalse();
        assertThat(readiness.apply(received("e1", enrolled(SUBJECT, "S01", ENROLLED)))).isFalse();
        assertThat(readiness.apply(received("s", PublishedEventExamples.screened(SUBJECT, "S01", true, T1))))
                .isFalse();

        Document stored = template.findById(SUBJECT, Document.class, ReadinessProjection.COLLECTION);
        assertThat(stored.getList(IdempotentProjection.APPLIED_EVENTS, String.class)).containsExactly("e1", "e2", "e3");
        assertThat(idempotent.duplicatesSuppressed()).isEqualTo(2);
        assertThat(state().position()).isEqualTo(new StatePosition("e3", T2));
        assertThat(state().assessments()).hasSize(1);
        assertThat(List.copyOf(state().adverseEvents().keySet())).containsExactly("ae-1");
    }
}
