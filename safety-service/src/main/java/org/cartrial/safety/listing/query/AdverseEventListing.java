package org.cartrial.safety.listing.query;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bson.Document;
import org.cartrial.api.safety.AdverseEventDetails;
import org.cartrial.api.safety.AdverseEventVersion;
import org.cartrial.safety.listing.domain.IncidenceTable;
import org.cartrial.safety.listing.domain.ListedAdverseEvent;
import org.cartrial.support.events.IdempotentProjection;
import org.cartrial.support.events.ReceivedEvent;
import org.cartrial.support.events.CursorBatches;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The adverse-event listing: one document per subject ({@code _id} = subject id) holding the latest state of each
 * of its adverse events under {@code events.<adverse event id>}. The events that change an adverse event carry its
 * whole state, and one subject's events travel under one key (in order), so each event replaces that entry; the
 * shared {@link IdempotentProjection} makes a redelivery a no-op. Open AEs per subject are a lookup by {@code _id};
 * the incidence table reads every subject's document (a trial has hundreds, not millions).
 */
public class AdverseEventListing {

    public static final String COLLECTION = "adverse_event_listing";

    private final IdempotentProjection projection;
    private final MongoTemplate mongo;

    public AdverseEventListing(IdempotentProjection projection, MongoTemplate mongo) {
        this.projection = projection;
        this.mongo = mongo;
    }

    /** @return true if the event changed the listing */
    public boolean apply(ReceivedEvent event) {
        Object payload = event.payload();
        if (payload instanceof AdverseEventVersion v) {
            return put(event, v.subjectId(), v.siteId(), v.adverseEventId(), v.details());
        }
        return false;
    }

    /** Every adverse event of a subject (open ones only if asked), the latest onset first; empty if none known. */
    public Optional<SubjectAdverseEvents> ofSubject(String subjectId, boolean openOnly) {
        Document doc = mongo.findById(subjectId, Document.class, COLLECTION);
        if (doc == null) {
            return Optional.empty();
        }
        List<ListedAdverseEvent> events = events(doc).stream().filter(e -> !openOnly || e.open())
                .sorted(Comparator.comparing(ListedAdverseEvent::onsetDate).reversed()
                        .thenComparing(ListedAdverseEvent::adverseEventId))
                .toList();
        return Optional.of(new SubjectAdverseEvents(subjectId, doc.getString("siteId"), events));
    }

    /** The incidence table over the given sites (null = all), against that safety population. */
    public IncidenceTable incidence(List<String> sites, int safetyPopulation) {
        Query query = sites == null ? new Query() : Query.query(Criteria.where("siteId").in(sites));
        List<ListedAdverseEvent> all = new ArrayList<>();
        mongo.find(CursorBatches.inBatches(query), Document.class, COLLECTION).forEach(doc -> all.addAll(events(doc)));
        return IncidenceTable.of(all, safetyPopulation);
    }

    /** A subject's adverse events and the site they belong to. */
    public record SubjectAdverseEvents(String subjectId, String siteId, List<ListedAdverseEvent> adverseEvents) {
    }

    private boolean put(ReceivedEvent event, String subjectId, String siteId, String adverseEventId,
            AdverseEventDetails d) {
        Document entry = new Document("ctcaeTerm", d.ctcaeTerm())
                .append("grade", d.grade())
                .append("serious", d.serious())
                .append("susar", d.susar())
                .append("relationshipToCarT", d.relationshipToCarT())
                .append("onsetDate", d.onsetDate().toString())
                .append("outcome", d.outcome())
                .append("resolutionDate", d.resolutionDate() == null ? null : d.resolutionDate().toString());
        Update update = new Update().set("siteId", siteId).set("events." + adverseEventId, entry);
        return projection.apply(COLLECTION, subjectId, event.eventId(), update);
    }

    private static List<ListedAdverseEvent> events(Document doc) {
        Document events = doc.get("events", Document.class);
        if (events == null) {
            return List.of();
        }
        List<ListedAdverseEvent> listed = new ArrayList<>();
        for (Map.Entry<String, Object> e : events.entrySet()) {
            Document d = (Document) e.getValue();
            String resolution = d.getString("resolutionDate");
            listed.add(new ListedAdverseEvent(e.getKey(), doc.getString("_id"), doc.getString("siteId"),
                    d.getString("ctcaeTerm"), ((Number) d.get("grade")).intValue(), d.getBoolean("serious", false),
                    d.getBoolean("susar", false), d.getString("relationshipToCarT"),
                    LocalDate.parse(d.getString("onsetDate")), d.getString("outcome"),
                    resolution == null ? null : LocalDate.parse(resolution)));
        }
        return listed;
    }
}
