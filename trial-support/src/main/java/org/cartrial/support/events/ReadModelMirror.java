package org.cartrial.support.events;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * An in-process mirror of a read model's documents, for reads that need all of them (counts, analyses): the
 * documents stay the truth and nothing is kept beside them that could drift, but a read no longer reads every
 * document from MongoDB. The mirror is read in full at its first use and then updated from the one document an
 * applied event changed ({@link #applied}; a duplicate changes no document, so it changes nothing here either).
 * With several instances of a service, each applies only its own partitions: a {@code resync} interval re-reads the
 * documents in full that often (zero: never, for one instance).
 *
 * @param <T> what a document is mirrored as
 */
public class ReadModelMirror<T> {

    private final MongoTemplate mongo;
    private final String collection;
    private final Function<Document, T> mirrored;
    private final Duration resync;
    private final ReadModelCollections collections;
    /** The collection's swap count when the mirror was read: a rebuilt collection swapped in is read again. */
    private volatile long swapsSeen;
    /** What readers see: complete, or null before the first use. */
    private volatile Map<String, T> mirror;
    /** The mirror being read in full, which applied events update too, so none is lost while it fills. */
    private volatile Map<String, T> filling;
    private volatile long mirroredAt;
    /** Counts the mirror's changes, so that a result computed from it can be kept until the next one. */
    private final AtomicLong version = new AtomicLong();

    public ReadModelMirror(MongoTemplate mongo, String collection, Function<Document, T> mirrored, Duration resync) {
        this(mongo, collection, mirrored, resync, new ReadModelCollections());
    }

    public ReadModelMirror(MongoTemplate mongo, String collection, Function<Document, T> mirrored, Duration resync,
            ReadModelCollections collections) {
        this.mongo = mongo;
        this.collection = collection;
        this.mirrored = mirrored;
        this.resync = resync;
        this.collections = collections;
    }

    /**
     * Document {@code id} was changed by an applied event: the mirror takes its new state (in a batch, once the
     * batch is written, with one query for all the documents it changed).
     */
    public void applied(String id) {
        IdempotentProjection.whenWritten(this, id, this::reread);
    }

    private void reread(Set<String> ids) {
        Map<String, T> current = mirror;
        Map<String, T> next = filling;
        if (current == null && next == null) {
            return; // nobody has read it yet: the first read reads the documents
        }
        Query query = Query.query(Criteria.where("_id").in(ids));
        query.fields().exclude(IdempotentProjection.APPLIED_EVENTS);
        for (Document document : mongo.find(query, Document.class, collection)) {
            String id = document.get("_id").toString();
            T value = mirrored.apply(document);
            if (next != null) {
                next.put(id, value);
            }
            if (current != null) {
                current.put(id, value);
            }
            version.incrementAndGet(); // after the change: a reader that saw the old version computes again
        }
    }

    /**
     * Every document, as mirrored, with the version they are at least as new as: a result computed from them is
     * current for as long as a later call answers the same version (it moves with every document the mirror takes in
     * and every full read). The version is read before the values, so a change made meanwhile makes the result look
     * older than it is (computed again), never newer.
     */
    public Versioned<T> versionedValues() {
        values(); // a first use or a resync reads the mirror in full, which moves the version
        long at = version.get();
        return new Versioned<>(at, values());
    }

    /** The mirrored documents and the version of the mirror they are at least as new as. */
    public record Versioned<T>(long version, Collection<T> values) {
    }

    /** Every document, as mirrored. */
    public Collection<T> values() {
        Map<String, T> current = mirror;
        boolean swapped = collections.swaps(collection) != swapsSeen;
        if (current != null && !swapped && (resync.isZero() || System.nanoTime() - mirroredAt < resync.toNanos())) {
            return current.values();
        }
        synchronized (this) {
            if (mirror == current) { // nobody filled it meanwhile
                Map<String, T> fresh = new ConcurrentHashMap<>();
                filling = fresh;
                swapsSeen = collections.swaps(collection);
                Query all = new Query();
                all.fields().exclude(IdempotentProjection.APPLIED_EVENTS);
                for (Document d : mongo.find(CursorBatches.inBatches(all), Document.class, collection)) {
                    fresh.putIfAbsent(d.get("_id").toString(), mirrored.apply(d)); // an event applied meanwhile is newer
                }
                mirror = fresh;
                mirroredAt = System.nanoTime();
                filling = null;
                version.incrementAndGet();
            }
            return mirror.values();
        }
    }
}
