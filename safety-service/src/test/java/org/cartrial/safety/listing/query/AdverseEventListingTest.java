package org.cartrial.safety.listing.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.cartrial.api.EventCatalogue;
import org.cartrial.api.TrialEvent;
import org.cartrial.api.safety.AdverseEventDetails;
import org.cartrial.api.safety.AdverseEventReported;
import org.cartrial.api.safety.AdverseEventUpdated;
import org.cartrial.safety.listing.domain.IncidenceTable;
import org.cartrial.safety.listing.domain.ListedAdverseEvent;
import org.cartrial.support.events.IdempotentProjection;
import org.cartrial.support.events.ReceivedEvent;
import org.cartrial.testsupport.EmbeddedMongo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

/** The adverse-event listing fed with published events and read back, on the MongoDB wire server. */
class AdverseEventListingTest {

    private static final LocalDate ONSET = LocalDate.of(2026, 11, 21);
    private static final Instant T1 = Instant.parse("2026-11-21T10:00:00Z");

    private EmbeddedMongo mongo;
    private MongoClient client;
    private AdverseEventListing listing;

    @BeforeEach
    void setUp() {
        mongo = new EmbeddedMongo();
        client = MongoClients.create(mongo.uri());
        MongoTemplate template = new MongoTemplate(client, "safety");
        listing = new AdverseEventListing(new IdempotentProjection(template), template);
    }

    @AfterEach
    void tearDown() {
        client.close();
        mongo.close();
    }

    private static ReceivedEvent received(String id, TrialEvent event) {
        return new ReceivedEvent(id, EventCatalogue.typeOf(event.getClass()), event.recordedAt(), "someone", event);
    }

    private static AdverseEventReported reported(String aeId, String subject, String site, String term, int grade) {
        return new AdverseEventReported(subject, site, ONSET, T1, aeId, term, grade, false, "possible", true, "1.0",
                null, "CTCAE_V5", null, null, List.of(), false, "NOT_RECOVERED", null);
    }

    private static AdverseEventUpdated resolved(String aeId, String subject, String site, String term, int grade) {
        AdverseEventDetails details = new AdverseEventDetails(term, null, ONSET, grade, "CTCAE_V5", null, null, false,
                List.of(), "possible", true, false, "RECOVERED", ONSET.plusDays(3));
        return new AdverseEventUpdated(subject, site, ONSET.plusDays(3), T1.plusSeconds(3600), aeId, details,
                List.of("outcome", "resolutionDate"), "1.0");
    }

    @Test
    void a_subjects_adverse_events_follow_their_latest_event_and_open_ones_can_be_asked_for() {
        listing.apply(received("e1", reported("ae-1", "S01-0001", "S01", "Febrile neutropenia", 3)));
        listing.apply(received("e2", reported("ae-2", "S01-0001", "S01", "Pyrexia", 1)));
        listing.apply(received("e3", resolved("ae-2", "S01-0001", "S01", "Pyrexia", 1)));

        var all = listing.ofSubject("S01-0001", false).orElseThrow();
        assertThat(all.siteId()).isEqualTo("S01");
        assertThat(all.adverseEvents()).extracting(ListedAdverseEvent::adverseEventId)
                .containsExactlyInAnyOrder("ae-1", "ae-2");
        assertThat(listing.ofSubject("S01-0001", true).orElseThrow().adverseEvents())
                .extracting(ListedAdverseEvent::adverseEventId).containsExactly("ae-1");
        assertThat(listing.ofSubject("S01-0404", false)).isEmpty();
    }

    @Test
    void a_redelivered_event_changes_nothing() {
        ReceivedEvent report = received("e1", reported("ae-1", "S01-0001", "S01", "Pyrexia", 2));
        ReceivedEvent resolution = received("e2", resolved("ae-1", "S01-0001", "S01", "Pyrexia", 2));

        assertThat(listing.apply(report)).isTrue();
        assertThat(listing.apply(resolution)).isTrue();
        assertThat(listing.apply(report)).isFalse(); // the report again, after the resolution: still resolved

        assertThat(listing.ofSubject("S01-0001", true).orElseThrow().adverseEvents()).isEmpty();
    }

    @Test
    void the_incidence_table_counts_subjects_at_their_worst_grade_per_site_or_overall() {
        listing.apply(received("e1", reported("ae-1", "S01-0001", "S01", "Cytokine release syndrome", 2)));
        listing.apply(received("e2", reported("ae-2", "S01-0001", "S01", "Cytokine release syndrome", 4)));
        listing.apply(received("e3", reported("ae-3", "S02-0001", "S02", "Cytokine release syndrome", 1)));

        IncidenceTable overall = listing.incidence(null, 4);
        assertThat(overall.terms()).hasSize(1);
        assertThat(overall.terms().get(0).subjects()).isEqualTo(2);
        assertThat(overall.terms().get(0).events()).isEqualTo(3);
        assertThat(overall.terms().get(0).subjectsByWorstGrade()).containsExactly(1, 0, 0, 1, 0);

        IncidenceTable s02 = listing.incidence(List.of("S02"), 2);
        assertThat(s02.terms().get(0).subjects()).isEqualTo(1);
        assertThat(s02.terms().get(0).proportion()).isEqualTo(0.5);
    }
}
