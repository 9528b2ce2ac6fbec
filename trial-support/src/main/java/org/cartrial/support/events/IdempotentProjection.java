package org.cartrial.support.events;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The one de-duplication mechanism of every read model. Each read-model document lists the ids of the events
 * applied to it, and an event changes a document only in one atomic single-document update that also lists its id:
 * no separate ledger that could disagree with the document. An event whose id the document lists already (Kafka
 * re-delivery, forwarder re-send) changes nothing. Read models are therefore shaped one document per subject (or
 * per key an event names).
 * <p>
 * The look-up and the update both go by {@code _id} alone: the embedded MongoDB-wire server serves only a query on
 * exactly an index's keys from the index, and a query on {@code _id} plus a condition on the applied ids scanned
 * the whole collection on every event (15 ms of CPU per command at a few thousand subjects, growing with the trial).
 * Reading before writing is safe because the events of one document come from one Kafka partition (keyed by
 * subject id) and a partition is consumed by one consumer of a group at a time, one record after the other: no
 * second writer can apply the same event between the look-up and the update.
 */
public class IdempotentProjection {

    public static final String APPLIED_EVENTS = "appliedEventIds";

    private final MongoTemplate mongo;
    private final ReadModelCollections collections;
    private final AtomicLong duplicatesSuppressed = new AtomicLong();

    public IdempotentProjection(MongoTemplate mongo) {
        this(mongo, new ReadModelCollections());
    }

    public IdempotentProjection(MongoTemplate mongo, ReadModelCollections collections) {
        this.mongo = mongo;
        this.collections = collections;
    }

    /** Where this process writes each read model now (a rebuild redirects it). */
    public ReadModelCollections collections() {
        return collections;
    }

    /**
     * Applies {@code update} to document {@code documentId} of {@code collection} (creating it if absent) unless
     * the document already records {@code eventId}.
     *
     * @return true if applied, false if it was a duplicate
     */
    public boolean apply(String collection, String documentId, String eventId, Update update) {
        String target = collections.writeTarget(collection);
        Query byId = Query.query(Criteria.where("_id").is(documentId));
        if (alreadyApplied(target, byId, eventId)) {
            duplicatesSuppressed.incrementAndGet();
            return false;
        }
        update.push(APPLIED_EVENTS, eventId);
        mongo.upsert(byId, update, target);
        return true;
    }

    private boolean alreadyApplied(String collection, Query byId, String eventId) {
        Query appliedIds = Query.of(byId);
        appliedIds.fields().include(APPLIED_EVENTS);
        Document current = mongo.findOne(appliedIds, Document.class, collection);
        if (current == null) {
            return false;
        }
        Object applied = current.get(APPLIED_EVENTS);
        return applied instanceof List<?> ids && ids.contains(eventId);
    }

    /** How many deliveries this process recognised as duplicates (reported by the fault suite and metrics). */
    public long duplicatesSuppressed() {
        return duplicatesSuppressed.get();
    }
}
