package org.cartrial.outcomes.export.query;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.bson.Document;
import org.cartrial.api.TrialEvent;
import org.cartrial.api.enrollment.PatientScreened;
import org.cartrial.api.enrollment.ScreeningFindingsCorrected;
import org.cartrial.api.infusion.CarTInfused;
import org.cartrial.api.infusion.CarTInfusionCorrected;
import org.cartrial.api.infusion.LymphodepletionCorrected;
import org.cartrial.api.infusion.LymphodepletionGiven;
import org.cartrial.api.outcomes.DeathCorrected;
import org.cartrial.api.outcomes.DeathRecorded;
import org.cartrial.api.outcomes.FollowUpCorrected;
import org.cartrial.api.outcomes.FollowUpRecorded;
import org.cartrial.api.outcomes.RelapseCorrected;
import org.cartrial.api.outcomes.RelapseDetected;
import org.cartrial.api.outcomes.ResponseAssessed;
import org.cartrial.api.outcomes.ResponseAssessmentCorrected;
import org.cartrial.api.safety.AdverseEventDetails;
import org.cartrial.api.safety.AdverseEventVersion;
import org.cartrial.outcomes.export.domain.AuditedItem;
import org.cartrial.outcomes.export.domain.AuditedItem.Recorded;
import org.cartrial.outcomes.export.domain.SubjectAudit;
import org.cartrial.support.events.IdempotentProjection;
import org.cartrial.support.events.ReceivedEvent;
import org.cartrial.support.events.CursorBatches;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Every recorded state of each adverse event of a subject (report, follow-up, correction, recoding) and of each fact
 * of the clinical course (response assessment, relapse, death, follow-up, screening findings, CAR-T infusion,
 * lymphodepletion: as recorded and as corrected), with who recorded it, when and why: the source of the ODM audit
 * trail, and of the values the datasets take from it (AE, the age and sex of DM, the doses of EX). Course facts are
 * item groups of their own (RS, RL, DS, FU, SC, EX, LD); a screening is known by its date, an infusion by its
 * product; a follow-up is known by its date and a lymphodepletion by its product and first day, so a correction
 * continues the one whose date it corrects. One document per subject; each state is kept under
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

    /** The item group of each course fact and the item holding its clinical date (the cut-off admits by it). */
    static final Map<String, String> DATE_ITEMS = Map.of("AE", "AESTDTC", "RS", "RSDTC", "RL", "RLDTC", "DS", "DSSTDTC",
            "FU", "FUDTC", "SC", "SCDTC", "LD", "LDSTDTC", "EX", "EXSTDTC");
    /** The order the groups are written in: adverse events first (as before), then the course. */
    public static final List<String> GROUPS = List.of("AE", "RS", "RL", "DS", "FU", "SC", "LD", "EX");

    public boolean apply(ReceivedEvent received) {
        Document state = state(received);
        if (state == null) {
            return false;
        }
        TrialEvent event = received.payload();
        return projection.apply(COLLECTION, event.subjectId(), received.eventId(), new Update()
                .set("siteId", event.siteId()).set("states." + received.eventId().replace('.', '_'), state));
    }

    /**
     * The state an event records in its subject's document, kept under the event's id (dots made underscores), or
     * null when it records none.
     */
    public static Document state(ReceivedEvent received) {
        TrialEvent event = received.payload();
        Instant at = received.recordedAt() == null ? event.recordedAt() : received.recordedAt();
        Document course = courseState(event);
        if (course != null) {
            String user = course.getString("user") != null ? course.getString("user") : received.actorUser();
            return course.append("at", at.toEpochMilli()).append("user", user);
        }
        if (!(event instanceof AdverseEventVersion version)) {
            return null;
        }
        return new Document("ae", version.adverseEventId()).append("at", at.toEpochMilli())
                .append("user", received.actorUser()).append("reason", version.why())
                .append("values", new Document(values(version.details())));
    }

    /** A state of a course fact (group, repeat key, reason, values; the corrector where named), or null. */
    private static Document courseState(TrialEvent event) {
        if (event instanceof ResponseAssessed a) {
            return state("RS", a.assessmentId(), "recorded", null, response(a));
        } else if (event instanceof ResponseAssessmentCorrected c) {
            return state("RS", c.assessmentId(), c.reason(), c.correctedBy(), response(c.assessment()));
        } else if (event instanceof RelapseDetected r) {
            return state("RL", "RELAPSE", "recorded", null, relapse(r));
        } else if (event instanceof RelapseCorrected c) {
            return state("RL", "RELAPSE", c.reason(), c.correctedBy(), relapse(c.relapse()));
        } else if (event instanceof DeathRecorded d) {
            return state("DS", "DEATH", "recorded", null, death(d));
        } else if (event instanceof DeathCorrected c) {
            return state("DS", "DEATH", c.reason(), c.correctedBy(), death(c.death()));
        } else if (event instanceof FollowUpRecorded f) {
            return state("FU", null, "recorded", null, followUp(f.occurredOn()));
        } else if (event instanceof FollowUpCorrected c) {
            return state("FU", null, c.reason(), c.correctedBy(), followUp(c.followUp().occurredOn()))
                    .append("was", c.correctedKnownAliveOn().toString());
        } else if (event instanceof PatientScreened s) {
            return state("SC", s.occurredOn().toString(), "recorded", null, screening(s));
        } else if (event instanceof ScreeningFindingsCorrected c) {
            return state("SC", c.screening().occurredOn().toString(), c.reason(), c.correctedBy(),
                    screening(c.screening()));
        } else if (event instanceof CarTInfused i) {
            return state("EX", i.product().name(), "recorded", null, infusion(i));
        } else if (event instanceof CarTInfusionCorrected c) {
            return state("EX", c.product().name(), c.reason(), c.correctedBy(), infusion(c.infusion()));
        } else if (event instanceof LymphodepletionGiven l) {
            return state("LD", null, "recorded", null, lymphodepletion(l));
        } else if (event instanceof LymphodepletionCorrected c) {
            return state("LD", null, c.reason(), c.correctedBy(), lymphodepletion(c.lymphodepletion()))
                    .append("was", c.beforeProduct().name() + "/" + c.correctedStartedOn());
        }
        return null;
    }

    private static Document state(String group, String key, String reason, String user, Map<String, Object> values) {
        return new Document("group", group).append("ae", key).append("reason", reason).append("user", user)
                .append("values", new Document(values));
    }

    private static Map<String, Object> response(ResponseAssessed a) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("RSDTC", a.occurredOn().toString());
        values.put("BLASTS", text(a.marrowBlastsPercent()));
        values.put("CIRCBLST", String.valueOf(a.circulatingBlasts()));
        values.put("EXTRAMED", String.valueOf(a.extramedullaryDisease()));
        values.put("CNSSTAT", a.cnsStatus());
        values.put("ANC", text(a.ancPer10e9L()));
        values.put("PLAT", text(a.plateletsPer10e9L()));
        values.put("MRD", text(a.mrdPercent()));
        values.put("MRDLOD", text(a.mrdDetectionLimitPercent()));
        values.put("RSORRES", a.derivedResponse() == null ? null : a.derivedResponse().name());
        values.put("RSINV", a.investigatorResponse() == null ? null : a.investigatorResponse().name());
        values.put("MRDNEG", a.mrdNegative() == null ? null : String.valueOf(a.mrdNegative()));
        return values;
    }

    private static Map<String, Object> relapse(RelapseDetected r) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("RLDTC", r.occurredOn().toString());
        values.put("RLSITE", r.relapseSite());
        values.put("CD19POS", r.cd19Positive() == null ? null : String.valueOf(r.cd19Positive()));
        values.put("CD22POS", r.cd22Positive() == null ? null : String.valueOf(r.cd22Positive()));
        return values;
    }

    private static Map<String, Object> death(DeathRecorded d) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("DSSTDTC", d.occurredOn().toString());
        values.put("DTHCAUS", d.cause());
        return values;
    }

    private static Map<String, Object> followUp(LocalDate knownAliveOn) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("FUDTC", knownAliveOn.toString());
        return values;
    }

    /** The screening's findings (the latest screening's may be corrected); the eligibility decided stays. */
    private static Map<String, Object> screening(PatientScreened s) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("SCDTC", s.occurredOn().toString());
        values.put("AGE", text(s.ageYears()));
        values.put("SEX", s.sex());
        values.put("WEIGHT", text(s.weightKg()));
        values.put("PERFSCAL", s.performanceScale());
        values.put("PERFSCOR", String.valueOf(s.performanceScore()));
        values.put("DISSTAT", s.diseaseStatus());
        values.put("MRDPOSDT", s.mrdPositiveSince() == null ? null : s.mrdPositiveSince().toString());
        values.put("CD19PCT", text(s.cd19ExpressionPercent()));
        values.put("CD22PCT", text(s.cd22ExpressionPercent()));
        values.put("ELIGIBLE", s.eligible() ? "Y" : "N");
        return values;
    }

    private static Map<String, Object> infusion(CarTInfused i) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("EXSTDTC", i.occurredOn().toString());
        values.put("EXSTTIM", i.infusedAt() == null ? null : i.infusedAt().toString());
        values.put("EXDOSE", text(i.dose10e6CellsPerKg()));
        values.put("WEIGHT", text(i.weightKg()));
        values.put("EXLOT", i.productLot());
        return values;
    }

    /** A lymphodepletion's dates, body measures and drugs ("drug:mg/m2" joined by ";", in the order given). */
    private static Map<String, Object> lymphodepletion(LymphodepletionGiven l) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("LDPROD", l.beforeProduct().name());
        values.put("LDSTDTC", l.occurredOn().toString());
        values.put("LDENDTC", l.lastDoseOn() == null ? null : l.lastDoseOn().toString());
        values.put("HEIGHT", text(l.heightCm()));
        values.put("WEIGHT", text(l.weightKg()));
        values.put("BSA", text(l.bodySurfaceAreaM2()));
        values.put("AGENTS", String.join(";", l.agents().stream()
                .map(a -> a.drug() + ":" + text(a.doseMgPerM2())).toList()));
        return values;
    }

    private static String text(java.math.BigDecimal value) {
        return value == null ? null : value.stripTrailingZeros().toPlainString();
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

    /**
     * Every subject's audit of the sites (null: all), ordered by subject id, read with a cursor in batches: one
     * subject's document at a time. Close the stream.
     */
    public Stream<SubjectAudit> stream(List<String> sites, LocalDate cutoff, Instant recordedUpTo) {
        Query query = sites == null ? new Query() : new Query(Criteria.where("siteId").in(sites));
        query.with(Sort.by("_id")).fields().exclude(IdempotentProjection.APPLIED_EVENTS);
        return CursorBatches.stream(mongo, query, COLLECTION).map(d -> audit(d, cutoff, recordedUpTo));
    }

    /** The moment of the latest change the audits of the sites hold as of the cut (null: none), in one pass. */
    public Instant latest(List<String> sites, LocalDate cutoff, Instant recordedUpTo) {
        try (Stream<SubjectAudit> audits = stream(sites, cutoff, recordedUpTo)) {
            return audits.map(AuditTrailProjection::latest).filter(java.util.Objects::nonNull).max(Instant::compareTo)
                    .orElse(null);
        }
    }

    /** The moment of the latest change of one subject's audit, or null. */
    public static Instant latest(SubjectAudit audit) {
        Instant latest = null;
        for (AuditedItem item : audit.items()) {
            for (AuditedItem.Change change : item.changes()) {
                if (latest == null || change.at().isAfter(latest)) {
                    latest = change.at();
                }
            }
        }
        return latest;
    }

    /**
     * The subjects' documents of the sites (null: all) in USUBJID order (site, then subject id), read with cursors in
     * batches, to be joined with the courses read in the same order; {@link #audit} turns each into its audit.
     */
    public Stream<Document> documentsBySite(List<String> sites) {
        return CursorBatches.bySite(mongo, COLLECTION, sites, IdempotentProjection.APPLIED_EVENTS);
    }

    /**
     * The states recorded up to the moment, of the adverse events whose onset (as last recorded) is on or before
     * the data cut-off.
     */
    public static SubjectAudit audit(Document d, LocalDate cutoff, Instant recordedUpTo) {
        long limit = recordedUpTo == null ? Long.MAX_VALUE : recordedUpTo.toEpochMilli();
        List<Recorded> states = new ArrayList<>();
        Map<String, String> groups = new LinkedHashMap<>();
        Map<String, String> was = new LinkedHashMap<>();
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
                groups.put(e.getKey(), s.getString("group") == null ? "AE" : s.getString("group"));
                if (s.getString("was") != null) {
                    was.put(e.getKey(), s.getString("was"));
                }
            }
        }
        List<AuditedItem> items = new ArrayList<>();
        for (String group : GROUPS) {
            List<Recorded> ofGroup = states.stream().filter(s -> groups.get(s.eventId()).equals(group)).toList();
            if (group.equals("FU")) {
                ofGroup = chains(ofGroup, was, s -> s.values().get("FUDTC"));
            } else if (group.equals("LD")) {
                ofGroup = chains(ofGroup, was, s -> s.values().get("LDPROD") + "/" + s.values().get("LDSTDTC"));
            }
            Map<String, Recorded> latest = new LinkedHashMap<>();
            ofGroup.stream().sorted(java.util.Comparator.comparing(Recorded::at).thenComparing(Recorded::eventId))
                    .forEach(s -> latest.put(s.repeatKey(), s));
            String dateItem = DATE_ITEMS.get(group);
            List<Recorded> admitted = ofGroup.stream().filter(s -> {
                String onset = latest.get(s.repeatKey()).values().get(dateItem);
                return onset == null || !LocalDate.parse(onset).isAfter(cutoff);
            }).toList();
            items.addAll(AuditedItem.of(group, admitted));
        }
        return new SubjectAudit(d.getString("_id"), d.getString("siteId"), items);
    }

    /**
     * Follow-ups are known by their date, lymphodepletions by their product and first day ({@code known}): each
     * recorded one starts a chain keyed by its event id, and a correction continues the chain whose date (as last
     * recorded) it names.
     */
    private static List<Recorded> chains(List<Recorded> followUps, Map<String, String> was,
            java.util.function.Function<Recorded, String> known) {
        List<Recorded> chained = new ArrayList<>();
        Map<String, String> currentDate = new LinkedHashMap<>();
        for (Recorded s : followUps.stream().sorted(java.util.Comparator.comparing(Recorded::at)
                .thenComparing(Recorded::eventId)).toList()) {
            String key = s.eventId();
            String corrected = was.get(s.eventId());
            if (corrected != null) {
                key = currentDate.entrySet().stream().filter(e -> e.getValue().equals(corrected)).map(Map.Entry::getKey)
                        .findFirst().orElse(key);
            }
            currentDate.put(key, known.apply(s));
            chained.add(new Recorded(key, s.at(), s.eventId(), s.user(), s.reason(), s.values()));
        }
        return chained;
    }
}
