package org.cartrial.outcomes.export.query;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bson.Document;
import org.cartrial.api.TrialEvent;
import org.cartrial.api.safety.AdverseEventDetails;
import org.cartrial.api.safety.AdverseEventVersion;
import org.cartrial.outcomes.export.domain.AuditedItem;
import org.cartrial.outcomes.export.domain.AuditedItem.Recorded;
import org.cartrial.outcomes.export.domain.SubjectAudit;
import org.cartrial.support.events.IdempotentProjection;
import org.cartrial.support.events.ReceivedEvent;
import org.cartrial.support.events.CursorBatches;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Every recorded state of each adverse event of a subject (report, follow-up, correction, recoding), with who
 * recorded it, when and why: the source of the ODM audit trail. One document per subject; each state is kept under
 * its event id, so the document does not depend on the order or the number of deliveries, and old values are read
 * from the state recorded before.
 */
public class AuditTrailProjection {

    public static final String COLLECTION = "audit_trails";

    private final IdempotentProjection projection;
    private final MongoTemplate mongo;

    public AuditTrailProjection(IdempotentProjection projection, MongoTemplate mongo) {
        this.projection = projection;
        this.mongo = mongo;
    }

    public boolean apply(ReceivedEvent received) {
        TrialEvent event = received.payload();
        if (!(event instanceof AdverseEventVersion version)) {
            return false;
        }
        Instant at = received.recordedAt() == null ? event.recordedAt() : received.recordedAt();
        Document state = new Document("ae", version.adverseEventId()).append("at", at.toEpochMilli())
                .append("user", received.actorUser()).append("reason", version.why())
                .append("values", new Document(values(version.details())));
        return projection.apply(COLLECTION, event.subjectId(), received.eventId(), new Update()
                .set("siteId", event.siteId()).set("states." + received.eventId().replace('.', '_'), state));
    }

    /** The adverse event's values as the SDTM AE variables name them. */
    static Map<String, Object> values(AdverseEventDetails d) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("AETERM", d.ctcaeTerm());
        values.put("AELLTCD", d.meddraCode());
        values.put("AESTDTC", d.onsetDate() == null ? null : d.onsetDate().toString());
        values.put("AETOXGR", String.valueOf(d.grade()));
        values.put("AETOXGRS", d.gradingScale());
        values.put("AESER", d.serious() ? "Y" : "N");
        values.put("AESCRIT", d.seriousnessCriteria().isEmpty() ? null : String.join(";", d.seriousnessCriteria()));
        values.put("AEREL", d.relationshipToCarT());
        values.put("AEEXPFL", d.expected() ? "Y" : "N");
        values.put("AEOUT", d.outcome());
        values.put("AEENDTC", d.resolutionDate() == null ? null : d.resolutionDate().toString());
        return values;
    }

    /** One subject's audit (empty when nothing was recorded of it). */
    public Optional<SubjectAudit> subject(String subjectId, LocalDate cutoff, Instant recordedUpTo) {
        return Optional.ofNullable(mongo.findById(subjectId, Document.class, COLLECTION))
                .map(d -> audit(d, cutoff, recordedUpTo));
    }

    /** Every subject's audit of the sites (null: all), ordered by subject id. */
    public List<SubjectAudit> sites(List<String> sites, LocalDate cutoff, Instant recordedUpTo) {
        Query query = sites == null ? new Query() : new Query(Criteria.where("siteId").in(sites));
        List<SubjectAudit> audits = new ArrayList<>();
        for (Document d : mongo.find(CursorBatches.inBatches(query.with(org.springframework.data.domain.Sort.by("_id"))),
                Document.class, COLLECTION)) {
            audits.add(audit(d, cutoff, recordedUpTo));
        }
        return audits;
    }

    /**
     * The states recorded up to the moment, of the adverse events whose onset (as last recorded) is on or before
     * the data cut-off.
     */
    private static SubjectAudit audit(Document d, LocalDate cutoff, Instant recordedUpTo) {
        long limit = recordedUpTo == null ? Long.MAX_VALUE : recordedUpTo.toEpochMilli();
        List<Recorded> states = new ArrayList<>();
        Document all = d.get("states", Document.class);
        if (all != null) {
            for (Map.Entry<String, Object> e : all.entrySet()) {
                Document s = (Document) e.getValue();
                long at = ((Number) s.get("at")).longValue();
                if (at > limit) {
                    continue;
                }
                Map<String, String> values = new LinkedHashMap<>();
                s.get("values", Document.class).forEach((k, v) -> values.put(k, v == null ? null : v.toString()));
                states.add(new Recorded(s.getString("ae"), Instant.ofEpochMilli(at), e.getKey(), s.getString("user"),
                        s.getString("reason"), values));
            }
        }
        Map<String, Recorded> latest = new LinkedHashMap<>();
        states.stream().sorted(java.util.Comparator.comparing(Recorded::at).thenComparing(Recorded::eventId))
                .forEach(s -> latest.put(s.repeatKey(), s));
        List<Recorded> admitted = states.stream().filter(s -> {
            String onset = latest.get(s.repeatKey()).values().get("AESTDTC");
            return onset == null || !LocalDate.parse(onset).isAfter(cutoff);
        }).toList();
        return new SubjectAudit(d.getString("_id"), d.getString("siteId"), AuditedItem.of("AE", admitted));
    }
}
