package org.cartrial.support.events;

import java.util.concurrent.atomic.AtomicLong;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import com.mongodb.client.result.UpdateResult;

/**
 * The one de-duplication mechanism of every read model. Each read-model document lists the ids of the events
 * applied to it, and an event changes a document only in one atomic single-document update that is conditional
 * on its id not being listed yet. A second delivery of the same event (Kafka re-delivery, forwarder re-send)
 * finds its id and changes nothing, whatever happened between the two: no separate ledger that could disagree
 * with the document. Read models are therefore shaped one document per subject (or per key an event names).
 */
public class IdempotentProjection {

    public static final String APPLIED_EVENTS = "appliedEventIds";

    private final MongoTemplate mongo;
    private final AtomicLong duplicatesSuppressed = new AtomicLong();

    public IdempotentProjection(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * Applies {@code update} to document {@code documentId} of {@code collection} (creating it if absent) unless
     * the document already records {@code eventId}.
     *
     * @return true if applied, false if it was a duplicate
     */
    public boolean apply(String collection, String documentId, String eventId, Update update) {
        Query notYetApplied = Query.query(Criteria.where("_id").is(documentId).and(APPLIED_EVENTS).ne(eventId));
        update.push(APPLIED_EVENTS, eventId);
        try {
            UpdateResult result = mongo.upsert(notYetApplied, update, collection);
            if (result.getModifiedCount() > 0 || result.getUpsertedId() != null) {
                return true;
            }
        } catch (DuplicateKeyException alreadyApplied) {
            // the document exists and lists the event: the upsert's insert collided with it
        }
        duplicatesSuppressed.incrementAndGet();
        return false;
    }

    /** How many deliveries this process recognised as duplicates (reported by the fault suite and metrics). */
    public long duplicatesSuppressed() {
        return duplicatesSuppressed.get();
    }
}
