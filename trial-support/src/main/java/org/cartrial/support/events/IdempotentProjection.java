package org.cartrial.support.events;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.bson.Document;
import org.springframework.data.mongodb.core.BulkOperations;
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
 * <p>
 * Batches ({@link #applyAll}, and {@link #collecting} for a projection's own {@link #apply} calls): the applied ids
 * of every document a batch touches are read in one {@code _id $in} query per collection, duplicates are skipped
 * (an event already listed, or met earlier in the same batch), and the rest go in one ordered bulk upsert per
 * collection, each pushing its event id with its update. A bulk write that fails part-way is simply applied again:
 * what it wrote lists its ids and is skipped.
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
        Batch batch = COLLECTING.get();
        if (batch != null) {
            // inside a batch: written with the batch, so true means "taken into the batch", duplicates fall out there
            batch.writes.add(new Write(collection, documentId, eventId, update));
            return true;
        }
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

    /** One event's update of one document, as a projection asks for it. */
    public record Write(String collection, String documentId, String eventId, Update update) {
    }

    /** What the projections asked for on this thread while {@link #collecting} runs (null outside). */
    private static final ThreadLocal<Batch> COLLECTING = new ThreadLocal<>();

    /**
     * What the projections asked for during {@link #collecting}: their writes, and what is to happen once those are
     * written (read models mirrored in memory re-read the documents they changed).
     */
    public static final class Batch {
        private final List<Write> writes = new ArrayList<>();
        private final Map<Object, Map.Entry<java.util.function.Consumer<Set<String>>, Set<String>>> whenWritten =
                new LinkedHashMap<>();

        public List<Write> writes() {
            return writes;
        }

        /** The writes are done: every follower learns which of its documents they touched. */
        public void written() {
            whenWritten.values().forEach(follower -> follower.getKey().accept(follower.getValue()));
        }
    }

    /**
     * Runs {@code projections} with every {@link #apply} on this thread collected instead of written. Only for
     * projections that compute an update from the event alone: one that reads its document to compute the update
     * would not see the batch's earlier writes, and stays one event at a time.
     */
    public static Batch collecting(Runnable projections) {
        Batch batch = new Batch();
        Batch outer = COLLECTING.get();
        COLLECTING.set(batch);
        try {
            projections.run();
        } finally {
            COLLECTING.set(outer);
        }
        return batch;
    }

    /**
     * Document {@code id} changes: inside {@link #collecting}, {@code follower} hears of it (with every other id
     * it was told of) once the batch is written; outside, at once.
     */
    static void whenWritten(Object follower, String id, java.util.function.Consumer<Set<String>> refresh) {
        Batch batch = COLLECTING.get();
        if (batch == null) {
            refresh.accept(Set.of(id));
            return;
        }
        batch.whenWritten.computeIfAbsent(follower, f -> Map.entry(refresh, new LinkedHashSet<>())).getValue().add(id);
    }

    /**
     * Applies the writes in order, each unless its document already lists its event id or the same event was
     * written to the same document earlier in the batch: one query and one ordered bulk upsert per collection.
     *
     * @return the writes applied (duplicates left out), in order
     */
    public List<Write> applyAll(List<Write> writes) {
        Map<String, List<Write>> byCollection = new LinkedHashMap<>();
        for (Write write : writes) {
            byCollection.computeIfAbsent(collections.writeTarget(write.collection()), c -> new ArrayList<>()).add(write);
        }
        List<Write> applied = new ArrayList<>();
        for (Map.Entry<String, List<Write>> entry : byCollection.entrySet()) {
            String target = entry.getKey();
            Map<String, Set<Object>> seen = appliedIds(target, entry.getValue().stream().map(Write::documentId).toList());
            BulkOperations bulk = null;
            for (Write write : entry.getValue()) {
                if (!seen.computeIfAbsent(write.documentId(), id -> new HashSet<>()).add(write.eventId())) {
                    duplicatesSuppressed.incrementAndGet();
                    continue;
                }
                if (bulk == null) {
                    bulk = mongo.bulkOps(BulkOperations.BulkMode.ORDERED, target);
                }
                // pushing the same id again (a batch applied again after a failure) replaces it in the update
                bulk.upsert(Query.query(Criteria.where("_id").is(write.documentId())),
                        write.update().push(APPLIED_EVENTS, write.eventId()));
                applied.add(write);
            }
            if (bulk != null) {
                bulk.execute();
            }
        }
        return applied;
    }

    /** The applied ids of the given documents, read by {@code _id} (the index) in one query. */
    private Map<String, Set<Object>> appliedIds(String collection, Collection<String> documentIds) {
        Map<String, Set<Object>> ids = new HashMap<>();
        Query query = Query.query(Criteria.where("_id").in(new LinkedHashSet<>(documentIds)));
        query.fields().include(APPLIED_EVENTS);
        for (Document d : mongo.find(query, Document.class, collection)) {
            Object applied = d.get(APPLIED_EVENTS);
            ids.put(d.get("_id").toString(), applied instanceof List<?> list ? new HashSet<>(list) : new HashSet<>());
        }
        return ids;
    }

    /** How many deliveries this process recognised as duplicates (reported by the fault suite and metrics). */
    public long duplicatesSuppressed() {
        return duplicatesSuppressed.get();
    }
}
