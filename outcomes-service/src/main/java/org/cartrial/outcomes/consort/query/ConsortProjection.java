package org.cartrial.outcomes.consort.query;

import java.time.LocalDate;
import java.util.List;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.cartrial.api.enrollment.PatientEnrolled;
import org.cartrial.api.enrollment.PatientScreened;
import org.cartrial.api.enrollment.PatientWithdrawn;
import org.cartrial.api.enrollment.ScreeningFindingsCorrected;
import org.cartrial.outcomes.consort.domain.ConsortEntry;
import org.cartrial.outcomes.consort.domain.ConsortFlow;
import org.cartrial.outcomes.course.domain.EnrolmentRegister;
import org.cartrial.support.events.IdempotentProjection;
import org.cartrial.support.events.ReadModelMirror;
import org.cartrial.support.events.ReceivedEvent;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import org.bson.Document;

/**
 * The CONSORT read model: one document per subject ({@code _id} = subject id), so every event touches exactly
 * one document and the shared {@link IdempotentProjection} makes a second delivery a no-op. It is also the
 * {@link EnrolmentRegister} the clinical course asks whether a subject is enrolled, and where.
 * <p>
 * Counts are taken from the subject documents, never kept beside them, so they cannot drift: but from a
 * {@link ReadModelMirror} of them, not by reading every document per request (70-80 ms at 7,700 subjects, growing
 * with the trial). {@code TRIAL_READ_MODEL_RESYNC} sets its re-reading for several instances.
 */
public class ConsortProjection implements EnrolmentRegister {

    public static final String COLLECTION = "consort_subjects";

    private final IdempotentProjection projection;
    private final MongoTemplate mongo;
    private final ReadModelMirror<ConsortEntry> mirror;
    /** Every site, each site, and a few sets of sites: what analysts and site staff ask for between two events. */
    private static final int MAX_KEPT_FLOWS = 64;
    private volatile CountedFlows flows = new CountedFlows(-1, Map.of());

    public ConsortProjection(IdempotentProjection projection, MongoTemplate mongo) {
        this(projection, mongo, java.time.Duration.ZERO);
    }

    public ConsortProjection(IdempotentProjection projection, MongoTemplate mongo, java.time.Duration resync) {
        this.projection = projection;
        this.mongo = mongo;
        this.mirror = new ReadModelMirror<>(mongo, COLLECTION, ConsortProjection::entry, resync,
                projection.collections());
    }

    /** @return true if the event changed the read model, false for a duplicate or an event it does not use */
    public boolean apply(ReceivedEvent event) {
        Update update;
        if (event.payload() instanceof PatientScreened screened) {
            update = new Update().set("siteId", screened.siteId())
                    .set("screenedOn", screened.occurredOn().toString())
                    .set("eligible", screened.eligible())
                    .set("failedCriteria", screened.failedCriteria().stream().map(c -> c.code()).toList());
        } else if (event.payload() instanceof ScreeningFindingsCorrected corrected && corrected.eligibility() != null) {
            // the eligibility decided again from corrected findings replaces the screening's in the flow
            update = new Update().set("siteId", corrected.siteId())
                    .set("eligible", corrected.eligibility().eligible())
                    .set("failedCriteria", corrected.eligibility().failedCriteria().stream().map(c -> c.code())
                            .toList())
                    .set("eligibilityDeviation", corrected.eligibilityDeviation());
        } else if (event.payload() instanceof PatientEnrolled enrolled) {
            update = new Update().set("siteId", enrolled.siteId()).set("enrolledOn", enrolled.occurredOn().toString());
        } else if (event.payload() instanceof PatientWithdrawn withdrawn) {
            update = new Update().set("siteId", withdrawn.siteId())
                    .set("withdrawnOn", withdrawn.occurredOn().toString());
        } else {
            return false;
        }
        String subjectId = event.payload().subjectId();
        boolean applied = projection.apply(COLLECTION, subjectId, event.eventId(), update);
        if (applied) {
            mirror.applied(subjectId);
        }
        return applied;
    }

    /**
     * The flow over every site, or over the given sites only. Counting goes through every subject (CONSORT answered
     * in 40 ms through the gateway at 110,940 subjects, issue 10), so a flow is kept, per set of sites asked for,
     * until the next event changes a subject.
     */
    public ConsortFlow flow(List<String> sites) {
        ReadModelMirror.Versioned<ConsortEntry> mirrored = mirror.versionedValues();
        Collection<ConsortEntry> entries = mirrored.values();
        CountedFlows counted = flows;
        if (counted.version() != mirrored.version()) {
            counted = new CountedFlows(mirrored.version(), new ConcurrentHashMap<>());
            flows = counted;
        }
        Optional<List<String>> key = Optional.ofNullable(sites).map(List::copyOf);
        ConsortFlow flow = counted.bySites().get(key);
        if (flow == null) {
            flow = ConsortFlow.of(sites == null ? entries
                    : entries.stream().filter(e -> sites.contains(e.siteId())).toList());
            if (counted.bySites().size() < MAX_KEPT_FLOWS) {
                counted.bySites().put(key, flow);
            }
        }
        return flow;
    }

    /** The flows counted at one version of the mirror, by the sites asked for (empty: every site). */
    private record CountedFlows(long version, Map<Optional<List<String>>, ConsortFlow> bySites) {
    }

    /** The subject's enrolment, if the enrollment topic has told it; a subject only screened has none. */
    @Override
    public Optional<Enrolment> enrolmentOf(String subjectId) {
        Document d = mongo.findById(subjectId, Document.class, COLLECTION);
        LocalDate enrolledOn = d == null ? null : date(d, "enrolledOn");
        return enrolledOn == null ? Optional.empty() : Optional.of(new Enrolment(d.getString("siteId"), enrolledOn));
    }

    private static ConsortEntry entry(Document d) {
        return new ConsortEntry(d.getString("_id"), d.getString("siteId"), date(d, "screenedOn"),
                d.getBoolean("eligible"), date(d, "enrolledOn"), date(d, "withdrawnOn"),
                d.getList("failedCriteria", String.class, List.of()), d.getBoolean("eligibilityDeviation", false));
    }

    private static LocalDate date(Document d, String field) {
        String value = d.getString(field);
        return value == null ? null : LocalDate.parse(value);
    }
}
