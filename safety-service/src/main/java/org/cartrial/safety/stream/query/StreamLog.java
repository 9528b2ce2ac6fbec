package org.cartrial.safety.stream.query;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;

import org.bson.Document;
import org.cartrial.api.TrialEvent;
import org.cartrial.api.safety.AdverseEventVersion;
import org.cartrial.api.safety.SafetyDeadlineApproaching;
import org.cartrial.api.safety.SafetyDeadlineMet;
import org.cartrial.api.safety.SafetyDeadlineMissed;
import org.cartrial.api.safety.SafetyDeadlineSet;
import org.cartrial.support.events.ReceivedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The durable, ordered log behind the safety-officer stream, in MongoDB, written by the one consumer of the safety
 * topic. Every entry has a sequence number ({@code _id}, the SSE id) that is assigned once per event id.
 * <p>
 * How a number is assigned, within what the MongoDB-wire server offers (single-document atomicity, no
 * transactions): (1) an event whose id is in the log already (unique index on {@code eventId}) is a redelivery and
 * keeps its number; (2) otherwise a number is claimed from the counter document ({@code findAndModify $inc}); (3)
 * the entry is inserted under that number in one single-document insert, so an entry is never visible half
 * written. If the process dies between (2) and (3), or a concurrent delivery of the same event wins the unique
 * index in (3), the claimed number is abandoned: a hole in the sequence, never a duplicate, and the event gets (or
 * has) exactly one number. A number is only ever written right after it was claimed, never later.
 * <p>
 * Readers walk the numbers in order. A hole can be a number claimed a moment ago whose insert is still on its way
 * (another consumer instance, or this one a few milliseconds behind), or an abandoned one; readers wait for it
 * until an entry numbered after it has been in the log for {@code gapWait}, then pass over it. So a reader
 * delivers entries in sequence order and never skips an entry that is written within {@code gapWait} of its claim.
 */
public class StreamLog {

    public static final String COLLECTION = "safety_stream";
    public static final String COUNTERS = "safety_stream_counter";
    static final String COUNTER_ID = "safety-stream";
    private static final Logger log = LoggerFactory.getLogger(StreamLog.class);

    private final MongoTemplate mongo;
    private final Clock clock;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong duplicatesSuppressed = new AtomicLong();

    public StreamLog(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /**
     * Creates the unique index on the event id and moves the counter past the last entry, should it be behind
     * (a counter document restored from an older backup than the log).
     */
    public void initialise() {
        mongo.indexOps(COLLECTION).createIndex(new Index().on("eventId", Sort.Direction.ASC).unique()
                .named("safety_stream_event_id"));
        Document last = mongo.findOne(new Query().with(Sort.by(Sort.Direction.DESC, "_id")).limit(1), Document.class,
                COLLECTION);
        if (last != null) {
            long lastSequence = ((Number) last.get("_id")).longValue();
            if (head() < lastSequence) {
                log.warn("safety stream counter behind the log: moving it to {}", lastSequence);
                mongo.upsert(Query.query(Criteria.where("_id").is(COUNTER_ID)), new Update().max("seq", lastSequence),
                        COUNTERS);
            }
        }
    }

    /** Called after every entry this process wrote (the streams poll at once instead of at their next tick). */
    public void onAppend(Runnable listener) {
        listeners.add(listener);
    }

    /**
     * Logs a published safety event, once per event id.
     *
     * @return the entry's sequence number if this call logged it, -1 for a redelivery
     */
    public long append(ReceivedEvent event, byte[] eventJson) {
        if (mongo.exists(Query.query(Criteria.where("eventId").is(event.eventId())), COLLECTION)) {
            duplicatesSuppressed.incrementAndGet();
            return -1;
        }
        long sequence = claim();
        Document entry = entry(sequence, event, new String(eventJson, StandardCharsets.UTF_8));
        try {
            mongo.insert(entry, COLLECTION);
        } catch (DuplicateKeyException e) {
            if (mongo.exists(Query.query(Criteria.where("eventId").is(event.eventId())), COLLECTION)) {
                duplicatesSuppressed.incrementAndGet(); // a concurrent delivery logged it: number abandoned
                return -1;
            }
            throw new IllegalStateException("stream sequence " + sequence + " is taken: the counter is behind", e);
        }
        listeners.forEach(Runnable::run);
        return sequence;
    }

    /** The highest number claimed so far (0 for an empty log); its entry may still be on its way. */
    public long head() {
        Document counter = mongo.findById(COUNTER_ID, Document.class, COUNTERS);
        return counter == null ? 0 : ((Number) counter.get("seq")).longValue();
    }

    /**
     * Up to {@code max} entries after {@code cursor}, in sequence order and without a gap a live writer could
     * still fill: the walk stops at a hole that is younger than {@code gapWait} (see the class comment).
     */
    public List<StreamEntry> readAfter(long cursor, int max, Duration gapWait) {
        long head = head();
        if (head <= cursor) {
            return List.of();
        }
        long last = Math.min(head, cursor + max);
        List<Long> wanted = LongStream.rangeClosed(cursor + 1, last).boxed().toList();
        List<Document> found = new ArrayList<>(mongo.find(Query.query(Criteria.where("_id").in(wanted)),
                Document.class, COLLECTION));
        if (found.isEmpty() && last < head) {
            // a run of abandoned numbers longer than a batch: find the next entry that exists
            found.addAll(mongo.find(Query.query(Criteria.where("_id").gt(cursor))
                    .with(Sort.by(Sort.Direction.ASC, "_id")).limit(1), Document.class, COLLECTION));
        }
        found.sort(Comparator.comparingLong(d -> ((Number) d.get("_id")).longValue()));
        long settledBefore = clock.millis() - gapWait.toMillis();
        List<StreamEntry> entries = new ArrayList<>(found.size());
        long expected = cursor + 1;
        for (Document document : found) {
            StreamEntry entry = entryOf(document);
            if (entry.sequence() != expected && entry.loggedAtMillis() > settledBefore) {
                break; // numbers before this entry may still be written: wait for them
            }
            entries.add(entry);
            expected = entry.sequence() + 1;
        }
        return entries;
    }

    /** How many deliveries were recognised as already logged (redelivered Kafka records). */
    public long duplicatesSuppressed() {
        return duplicatesSuppressed.get();
    }

    private long claim() {
        Document counter = mongo.findAndModify(Query.query(Criteria.where("_id").is(COUNTER_ID)),
                new Update().inc("seq", 1L), FindAndModifyOptions.options().upsert(true).returnNew(true),
                Document.class, COUNTERS);
        return ((Number) counter.get("seq")).longValue();
    }

    private Document entry(long sequence, ReceivedEvent event, String json) {
        TrialEvent payload = event.payload();
        Document entry = new Document("_id", sequence)
                .append("eventId", event.eventId())
                .append("type", event.type())
                .append("kind", StreamKind.of(payload).name())
                .append("siteId", payload.siteId())
                .append("subjectId", payload.subjectId())
                .append("recordedAt", payload.recordedAt() == null ? null : payload.recordedAt().toString())
                .append("loggedAt", clock.millis())
                .append("event", json);
        Facets facets = Facets.of(payload);
        return entry.append("adverseEventId", facets.adverseEventId()).append("grade", facets.grade())
                .append("serious", facets.serious());
    }

    private static StreamEntry entryOf(Document d) {
        Number grade = (Number) d.get("grade");
        return new StreamEntry(((Number) d.get("_id")).longValue(), d.getString("eventId"), d.getString("type"),
                StreamKind.valueOf(d.getString("kind")), d.getString("siteId"), d.getString("subjectId"),
                d.getString("adverseEventId"), grade == null ? null : grade.intValue(),
                Boolean.TRUE.equals(d.getBoolean("serious")), d.getString("recordedAt"),
                ((Number) d.get("loggedAt")).longValue(), d.getString("event"));
    }

    /** What the filters look at, from each kind of safety event; a signal and an unknown event have no grade. */
    private record Facets(String adverseEventId, Integer grade, boolean serious) {

        static Facets of(TrialEvent event) {
            if (event instanceof AdverseEventVersion v) {
                return new Facets(v.adverseEventId(), v.details().grade(), v.details().serious());
            }
            if (event instanceof SafetyDeadlineSet s) {
                return new Facets(s.adverseEventId(), s.grade(), true);
            }
            if (event instanceof SafetyDeadlineApproaching a) {
                return new Facets(a.adverseEventId(), a.grade(), true);
            }
            if (event instanceof SafetyDeadlineMissed m) {
                return new Facets(m.adverseEventId(), m.grade(), true);
            }
            if (event instanceof SafetyDeadlineMet m) {
                return new Facets(m.adverseEventId(), m.grade(), true);
            }
            return new Facets(null, null, true);
        }
    }
}
