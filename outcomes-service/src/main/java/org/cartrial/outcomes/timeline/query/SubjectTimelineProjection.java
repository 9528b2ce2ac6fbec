package org.cartrial.outcomes.timeline.query;

import java.lang.reflect.RecordComponent;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.bson.Document;
import org.cartrial.api.TrialEvent;
import org.cartrial.api.protocol.ProtocolAmended;
import org.cartrial.support.events.IdempotentProjection;
import org.cartrial.support.events.ReceivedEvent;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;

/**
 * A subject's timeline across every context with its audit trail: each event's clinical date, when it was
 * recorded, who recorded it, and why where the event gives a reason (a withdrawal, a correction). One document
 * per subject, entries keyed by event id.
 */
public class SubjectTimelineProjection {

    public static final String COLLECTION = "subject_timelines";

    /**
     * One line of the timeline. {@code afterLockOf}: the earliest sealed data cut-off that this line's date falls in
     * but that was sealed before it was recorded (a correction or late entry the sealed figures do not hold).
     */
    public record Entry(String eventId, String event, String occurredOn, String recordedAt, String recordedBy,
            String reason, String afterLockOf) {

        public Entry(String eventId, String event, String occurredOn, String recordedAt, String recordedBy,
                String reason) {
            this(eventId, event, occurredOn, recordedAt, recordedBy, reason, null);
        }
    }

    public record Timeline(String subjectId, String siteId, List<Entry> entries) {
    }

    private final IdempotentProjection projection;
    private final MongoTemplate mongo;

    public SubjectTimelineProjection(IdempotentProjection projection, MongoTemplate mongo) {
        this.projection = projection;
        this.mongo = mongo;
    }

    public boolean apply(ReceivedEvent received) {
        TrialEvent event = received.payload();
        if (event instanceof ProtocolAmended) {
            return false; // the protocol's, not a subject's: it travels on the enrollment topic beside them
        }
        Document entry = new Document("event", event.getClass().getSimpleName())
                .append("occurredOn", event.occurredOn().toString())
                .append("recordedAt", event.recordedAt().toString())
                .append("recordedBy", received.actorUser())
                .append("reason", reason(event));
        return projection.apply(COLLECTION, event.subjectId(), received.eventId(),
                new Update().set("siteId", event.siteId()).set("entries." + received.eventId().replace('.', '_'), entry));
    }

    public Optional<Timeline> timeline(String subjectId) {
        Document d = mongo.findById(subjectId, Document.class, COLLECTION);
        if (d == null) {
            return Optional.empty();
        }
        Document entries = d.get("entries", Document.class);
        List<Entry> lines = entries.entrySet().stream()
                .map(e -> {
                    Document v = (Document) e.getValue();
                    return new Entry(e.getKey(), v.getString("event"), v.getString("occurredOn"),
                            v.getString("recordedAt"), v.getString("recordedBy"), v.getString("reason"));
                })
                .sorted(Comparator.comparing(Entry::occurredOn).thenComparing(Entry::recordedAt))
                .toList();
        return Optional.of(new Timeline(subjectId, d.getString("siteId"), lines));
    }

    /** The reason an event gives for itself (withdrawal, correction), if its record has one. */
    private static String reason(TrialEvent event) {
        for (RecordComponent component : event.getClass().getRecordComponents()) {
            if (component.getName().equals("reason") && component.getType() == String.class) {
                try {
                    return (String) component.getAccessor().invoke(event);
                } catch (ReflectiveOperationException e) {
                    return null;
                }
            }
        }
        return null;
    }
}
