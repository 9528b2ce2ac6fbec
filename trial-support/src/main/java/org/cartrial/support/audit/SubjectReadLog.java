package org.cartrial.support.audit;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.bson.Document;
import org.cartrial.support.security.Caller;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Who read which subject's data, and when: every subject-level read appends an entry to the subject's document
 * (one per subject, so the trail of a subject is one lookup by id). Writes are never logged here: the events
 * themselves carry their actor.
 */
public class SubjectReadLog {

    public static final String COLLECTION = "subject_read_log";

    /** One read: who (user, roles), when (UTC), what was read. */
    public record Read(String user, String roles, String at, String what) {
    }

    private final MongoTemplate mongo;
    private final Clock clock;

    public SubjectReadLog(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    public void record(String subjectId, String siteId, String what) {
        Caller caller = Caller.current();
        Document entry = new Document("user", caller.user())
                .append("roles", caller.asMetaData().get(Caller.META_ROLES))
                .append("at", clock.instant().toString())
                .append("what", what);
        mongo.upsert(Query.query(Criteria.where("_id").is(subjectId)),
                new Update().set("siteId", siteId).push("reads", entry), COLLECTION);
    }

    /** The subject's site and its reads, oldest first; empty if nobody read it. */
    public Optional<Trail> trail(String subjectId) {
        Document d = mongo.findById(subjectId, Document.class, COLLECTION);
        if (d == null) {
            return Optional.empty();
        }
        List<Read> reads = d.getList("reads", Document.class).stream()
                .map(r -> new Read(r.getString("user"), r.getString("roles"), r.getString("at"), r.getString("what")))
                .toList();
        return Optional.of(new Trail(subjectId, d.getString("siteId"), reads));
    }

    public record Trail(String subjectId, String siteId, List<Read> reads) {
    }
}
