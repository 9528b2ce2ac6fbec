package org.cartrial.safety.deadline.query;

import java.time.Instant;
import java.util.Comparator;
import java.util.Date;
import java.util.List;

import org.bson.Document;
import org.cartrial.api.safety.AdverseEventDetails;
import org.cartrial.api.safety.AdverseEventReported;
import org.cartrial.api.safety.AdverseEventVersion;
import org.cartrial.api.safety.SafetyDeadlineApproaching;
import org.cartrial.api.safety.SafetyDeadlineMet;
import org.cartrial.api.safety.SafetyDeadlineMissed;
import org.cartrial.api.safety.SafetyDeadlineSet;
import org.cartrial.support.events.IdempotentProjection;
import org.cartrial.support.events.ReceivedEvent;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The "SAE deadlines due" read model: one document per reporting clock ({@code _id} = adverse event id + "/" +
 * recipient), learnt from the safety topic through the shared {@link IdempotentProjection}, so a redelivery is a
 * no-op. The events of one clock travel under one subject key, hence in order. The query scans the open clocks
 * (the trial has at most a few hundred): fine for the embedded MongoDB server, which would ignore a non-unique index
 * on the due moment anyway.
 */
public class DueDeadlinesProjection {

    public static final String COLLECTION = "reporting_deadlines";
    static final List<String> OPEN = List.of("PENDING", "APPROACHING", "MISSED");

    private final IdempotentProjection projection;
    private final MongoTemplate mongo;

    public DueDeadlinesProjection(IdempotentProjection projection, MongoTemplate mongo) {
        this.projection = projection;
        this.mongo = mongo;
    }

    /** @return true if the event changed the read model */
    public boolean apply(ReceivedEvent event) {
        Object payload = event.payload();
        if (payload instanceof SafetyDeadlineSet set) {
            Update update = new Update()
                    .set("adverseEventId", set.adverseEventId())
                    .set("subjectId", set.subjectId())
                    .set("siteId", set.siteId())
                    .set("recipient", set.recipient())
                    .set("rule", set.rule())
                    .set("ctcaeTerm", set.ctcaeTerm())
                    .set("grade", set.grade())
                    .set("awareAt", Date.from(set.awareAt()))
                    .set("dueAt", Date.from(set.dueAt()))
                    .set("status", "PENDING")
                    .unset("warnedAt");
            return projection.apply(COLLECTION, id(set.adverseEventId(), set.recipient()), event.eventId(), update);
        }
        if (payload instanceof SafetyDeadlineApproaching approaching) {
            return projection.apply(COLLECTION, id(approaching.adverseEventId(), approaching.recipient()),
                    event.eventId(), new Update().set("status", "APPROACHING")
                            .set("warnedAt", Date.from(approaching.recordedAt())));
        }
        if (payload instanceof SafetyDeadlineMissed missed) {
            return projection.apply(COLLECTION, id(missed.adverseEventId(), missed.recipient()), event.eventId(),
                    new Update().set("status", "MISSED").set("missedAt", Date.from(missed.recordedAt())));
        }
        if (payload instanceof SafetyDeadlineMet met) {
            return projection.apply(COLLECTION, id(met.adverseEventId(), met.recipient()), event.eventId(),
                    new Update().set("status", met.onTime() ? "MET" : "MET_LATE")
                            .set("sentAt", Date.from(met.sentAt())));
        }
        if (payload instanceof AdverseEventVersion version && !(payload instanceof AdverseEventReported)) {
            return follow(version.adverseEventId(), version.details());
        }
        return false;
    }

    /** The clocks not yet closed by a report that are due before {@code dueBefore}, the most urgent first. */
    public List<DueDeadline> due(Instant dueBefore) {
        Criteria criteria = Criteria.where("status").in(OPEN);
        if (dueBefore != null) {
            criteria = criteria.and("dueAt").lt(Date.from(dueBefore));
        }
        return mongo.find(Query.query(criteria), Document.class, COLLECTION).stream()
                .map(DueDeadlinesProjection::deadline)
                .sorted(Comparator.comparing(DueDeadline::dueAt))
                .toList();
    }

    /** The term and grade of an adverse event with a clock follow its later events (a clock keeps its due moment). */
    private boolean follow(String adverseEventId, AdverseEventDetails details) {
        Query clocks = Query.query(Criteria.where("_id").in(id(adverseEventId, "SPONSOR"),
                id(adverseEventId, "REGULATOR")));
        return mongo.updateMulti(clocks, new Update().set("ctcaeTerm", details.ctcaeTerm())
                .set("grade", details.grade()), COLLECTION).getModifiedCount() > 0;
    }

    static String id(String adverseEventId, String recipient) {
        return adverseEventId + "/" + recipient;
    }

    private static DueDeadline deadline(Document d) {
        Number grade = (Number) d.get("grade");
        return new DueDeadline(d.getString("adverseEventId"), d.getString("subjectId"), d.getString("siteId"),
                d.getString("recipient"), d.getString("rule"), d.getString("ctcaeTerm"),
                grade == null ? null : grade.intValue(), instant(d, "awareAt"), instant(d, "dueAt"),
                d.getString("status"), instant(d, "warnedAt"), instant(d, "missedAt"), instant(d, "sentAt"));
    }

    private static Instant instant(Document d, String field) {
        Date date = d.getDate(field);
        return date == null ? null : date.toInstant();
    }
}
