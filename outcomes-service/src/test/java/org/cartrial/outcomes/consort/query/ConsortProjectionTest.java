package org.cartrial.outcomes.consort.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.cartrial.api.TrialEvent;
import org.cartrial.api.CorrectedValue;
import org.cartrial.api.enrollment.FailedCriterion;
import org.cartrial.api.enrollment.PatientEnrolled;
import org.cartrial.api.enrollment.PatientScreened;
import org.cartrial.api.enrollment.PatientWithdrawn;
import org.cartrial.api.enrollment.ScreeningFindingsCorrected;
import org.cartrial.api.enrollment.ScreeningFindingsCorrected.Eligibility;
import org.cartrial.outcomes.consort.domain.ConsortCounts;
import org.cartrial.outcomes.consort.domain.ConsortFlow;
import org.cartrial.outcomes.course.domain.EnrolmentRegister.Enrolment;
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

/** The CONSORT projection fed with events and queried, on the MongoDB wire server. */
class ConsortProjectionTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    private EmbeddedMongo mongo;
    private MongoClient client;
    private IdempotentProjection idempotent;
    private ConsortProjection consort;

    @BeforeEach
    void setUp() {
        mongo = new EmbeddedMongo();
        client = MongoClients.create(mongo.uri());
        MongoTemplate template = new MongoTemplate(client, "outcomes");
        idempotent = new IdempotentProjection(template);
        consort = new ConsortProjection(idempotent, template);
    }

    @AfterEach
    void tearDown() {
        client.close();
        mongo.close();
    }

    private static ReceivedEvent received(String id, TrialEvent event) {
        return new ReceivedEvent(id, "t", NOW, "coordinator", event);
    }

    private static PatientScreened screened(String subject, String site, boolean eligible) {
        return PublishedEventExamples.screened(subject, site, eligible, NOW);
    }

    @Test
    void counts_screened_eligible_failed_and_enrolled_overall_and_per_site() {
        consort.apply(received("e1", screened("S01-1", "S01", true)));
        consort.apply(received("e2", screened("S01-2", "S01", false)));
        consort.apply(received("e3", screened("S02-1", "S02", true)));
        consort.apply(received("e4", new PatientEnrolled("S01-1", "S01", LocalDate.of(2026, 11, 21), NOW, "1.0")));

        ConsortFlow flow = consort.flow(null);

        assertThat(flow.overall()).isEqualTo(new ConsortCounts(3, 2, 1, 1, 0));
        assertThat(flow.sites().get("S01")).isEqualTo(new ConsortCounts(2, 1, 1, 1, 0));
        assertThat(flow.sites().get("S02")).isEqualTo(new ConsortCounts(1, 1, 0, 0, 0));
        assertThat(consort.flow(List.of("S02")).overall().screened()).isEqualTo(1);
    }

    @Test
    void counts_after_the_first_come_from_the_mirror_which_every_applied_event_and_no_duplicate_changes() {
        consort.apply(received("e1", screened("S01-1", "S01", true)));
        assertThat(consort.flow(null).overall()).isEqualTo(new ConsortCounts(1, 1, 0, 0, 0));

        consort.apply(received("e2", new PatientEnrolled("S01-1", "S01", LocalDate.of(2026, 11, 21), NOW, "1.0")));
        consort.apply(received("e2", new PatientEnrolled("S01-1", "S01", LocalDate.of(2026, 11, 21), NOW, "1.0")));
        consort.apply(received("e3", screened("S02-1", "S02", false)));
        consort.apply(received("e3", screened("S02-1", "S02", false)));
        consort.apply(received("e4", new PatientWithdrawn("S01-1", "S01", LocalDate.of(2026, 11, 24), NOW, "moved",
                true)));

        ConsortFlow mirrored = consort.flow(null);
        assertThat(mirrored.overall()).isEqualTo(new ConsortCounts(2, 1, 1, 1, 1));
        assertThat(idempotent.duplicatesSuppressed()).isEqualTo(2);
        // a second projection over the same documents reads them in full: the mirror says what they say
        ConsortProjection fresh = new ConsortProjection(idempotent, new MongoTemplate(client, "outcomes"));
        assertThat(fresh.flow(null)).isEqualTo(mirrored);
        assertThat(consort.flow(List.of("S02")).overall()).isEqualTo(new ConsortCounts(1, 0, 1, 0, 0));
    }

    @Test
    void a_counted_flow_is_kept_per_set_of_sites_until_an_event_changes_a_subject() {
        consort.apply(received("e1", screened("S01-1", "S01", true)));
        consort.apply(received("e2", screened("S02-1", "S02", false)));
        ConsortFlow all = consort.flow(null);
        ConsortFlow s02 = consort.flow(List.of("S02"));

        assertThat(consort.flow(null)).isSameAs(all);
        assertThat(consort.flow(List.of("S02"))).isSameAs(s02).isNotEqualTo(all);
        assertThat(consort.flow(List.of())).as("no sites: nothing, not every site").extracting(ConsortFlow::overall)
                .isEqualTo(new ConsortCounts(0, 0, 0, 0, 0));

        consort.apply(received("e2", screened("S02-1", "S02", false))); // a duplicate changes nothing
        assertThat(consort.flow(null)).isSameAs(all);

        consort.apply(received("e3", new PatientEnrolled("S01-1", "S01", LocalDate.of(2026, 11, 21), NOW, "1.0")));
        assertThat(consort.flow(null).overall()).isEqualTo(new ConsortCounts(2, 1, 1, 1, 0));
        assertThat(consort.flow(List.of("S02"))).isEqualTo(s02);
    }

    @Test
    void tells_the_clinical_course_who_is_enrolled_and_where() {
        consort.apply(received("e1", screened("S01-1", "S01", true)));
        consort.apply(received("e2", new PatientEnrolled("S01-1", "S01", LocalDate.of(2026, 11, 21), NOW, "1.0")));
        consort.apply(received("e3", screened("S01-2", "S01", true)));

        assertThat(consort.enrolmentOf("S01-1")).contains(new Enrolment("S01", LocalDate.of(2026, 11, 21)));
        assertThat(consort.enrolmentOf("S01-2")).as("screened only").isEmpty();
        assertThat(consort.enrolmentOf("S01-NOSUCH")).isEmpty();

        consort.apply(received("e4", new PatientWithdrawn("S01-1", "S01", LocalDate.of(2026, 11, 24), NOW, "moved",
                true)));
        assertThat(consort.enrolmentOf("S01-1")).as("a withdrawn subject was enrolled all the same")
                .contains(new Enrolment("S01", LocalDate.of(2026, 11, 21)));
    }

    @Test
    void the_same_event_delivered_twice_is_applied_once() {
        ReceivedEvent event = received("e1", screened("S01-1", "S01", false));

        assertThat(consort.apply(event)).isTrue();
        assertThat(consort.apply(event)).isFalse();
        consort.apply(received("e2", new PatientEnrolled("S01-1", "S01", LocalDate.of(2026, 11, 21), NOW, "1.0")));
        assertThat(consort.apply(event)).isFalse();

        assertThat(consort.flow(null).overall()).isEqualTo(new ConsortCounts(1, 0, 1, 1, 0));
        assertThat(idempotent.duplicatesSuppressed()).isEqualTo(2);
    }

    private static ScreeningFindingsCorrected corrected(PatientScreened screening, Eligibility after,
            boolean deviation) {
        return new ScreeningFindingsCorrected(screening.subjectId(), screening.siteId(), screening.occurredOn(), NOW,
                null, List.of(new CorrectedValue("cd19ExpressionPercent", "x", "y")), "FCM re-read", "coordinator",
                Eligibility.of(screening), after, deviation);
    }

    @Test
    void a_corrected_screening_moves_the_subject_between_eligible_and_not_with_the_criteria_it_failed() {
        PatientScreened eligible = screened("S01-1", "S01", true);
        PatientScreened failed = screened("S01-2", "S01", false);
        PatientScreened enrolledThenIneligible = screened("S02-1", "S02", true);
        consort.apply(received("e1", eligible));
        consort.apply(received("e2", failed));
        consort.apply(received("e3", enrolledThenIneligible));
        consort.apply(received("e4", new PatientEnrolled("S02-1", "S02", LocalDate.of(2026, 11, 21), NOW, "1.0")));
        assertThat(consort.flow(null).failedCriteria()).containsExactly(Map.entry("cd19-expression", 1L));

        Eligibility ageAndCd22 = new Eligibility(false, List.of(new FailedCriterion("age-in-range", "age"),
                new FailedCriterion("cd22-expression", "CD22")), "1.0");
        ReceivedEvent nowIneligible = received("e5", corrected(eligible, ageAndCd22, false));
        consort.apply(nowIneligible);
        consort.apply(received("e6", corrected(failed, new Eligibility(true, List.of(), "1.0"), false)));
        consort.apply(received("e7", corrected(enrolledThenIneligible, ageAndCd22, true)));
        assertThat(consort.apply(nowIneligible)).as("re-delivered").isFalse();

        ConsortFlow flow = consort.flow(null);
        assertThat(flow.overall()).isEqualTo(new ConsortCounts(3, 1, 2, 1, 0));
        assertThat(flow.sites().get("S01")).isEqualTo(new ConsortCounts(2, 1, 1, 0, 0));
        assertThat(flow.failedCriteria()).containsExactly(Map.entry("age-in-range", 2L),
                Map.entry("cd22-expression", 2L));
        assertThat(flow.eligibilityDeviations()).isEqualTo(1);
        assertThat(consort.enrolmentOf("S02-1")).as("the treatment happened: still enrolled").isPresent();
        assertThat(new ConsortProjection(idempotent, new MongoTemplate(client, "outcomes")).flow(null))
                .as("read again from the documents").isEqualTo(flow);
    }
}
