package org.cartrial.enrollment.status.query;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.bson.Document;
import org.cartrial.api.TrialEvent;
import org.cartrial.api.enrollment.PatientEnrolled;
import org.cartrial.api.enrollment.PatientScreened;
import org.cartrial.api.enrollment.PatientWithdrawn;
import org.cartrial.api.enrollment.ScreeningFindingsCorrected;
import org.cartrial.api.infusion.CarTInfused;
import org.cartrial.api.infusion.CarTInfusionCorrected;
import org.cartrial.api.infusion.CarTProduct;
import org.cartrial.api.outcomes.DeathCorrected;
import org.cartrial.api.outcomes.DeathRecorded;
import org.cartrial.enrollment.status.domain.SubjectMilestones;
import org.cartrial.support.events.IdempotentProjection;
import org.cartrial.support.events.ReceivedEvent;
import org.cartrial.support.events.CursorBatches;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/** The subject-status read model: one document per subject, milestones set by events from every context. */
public class SubjectStatusProjection {

    public static final String COLLECTION = "subject_status";

    private final IdempotentProjection projection;
    private final MongoTemplate mongo;

    public SubjectStatusProjection(IdempotentProjection projection, MongoTemplate mongo) {
        this.projection = projection;
        this.mongo = mongo;
    }

    public boolean apply(ReceivedEvent received) {
        TrialEvent event = received.payload();
        Update update = new Update().set("siteId", event.siteId());
        if (event instanceof PatientScreened screened) {
            update.set("screenedOn", date(screened.occurredOn())).set("eligible", screened.eligible())
                    .set("failedCriteria", screened.failedCriteria().stream().map(c -> c.code()).toList());
        } else if (event instanceof PatientEnrolled) {
            update.set("enrolledOn", date(event.occurredOn()));
        } else if (event instanceof ScreeningFindingsCorrected corrected) {
            for (org.cartrial.api.CorrectedValue value : corrected.corrections()) {
                update.set("correctedFindings." + value.field(), new Document("value", value.newValue())
                        .append("was", value.oldValue()).append("reason", corrected.reason())
                        .append("correctedBy", corrected.correctedBy()));
            }
            if (corrected.eligibility() != null) {
                // the eligibility decided again; an enrolled subject found ineligible stays enrolled, with a deviation
                update.set("eligible", corrected.eligibility().eligible())
                        .set("eligibilityDeviation", corrected.eligibilityDeviation())
                        .set("failedCriteria", corrected.eligibility().failedCriteria().stream()
                                .map(c -> c.code()).toList());
            }
        } else if (event instanceof PatientWithdrawn) {
            update.set("withdrawnOn", date(event.occurredOn()));
        } else if (event instanceof CarTInfused infused) {
            update.set(infused.product() == CarTProduct.CD19 ? "cd19InfusedOn" : "cd22InfusedOn",
                    date(infused.occurredOn()));
        } else if (event instanceof CarTInfusionCorrected corrected) {
            update.set(corrected.product() == CarTProduct.CD19 ? "cd19InfusedOn" : "cd22InfusedOn",
                    date(corrected.infusion().occurredOn()));
        } else if (event instanceof DeathRecorded) {
            update.set("diedOn", date(event.occurredOn()));
        } else if (event instanceof DeathCorrected corrected) {
            update.set("diedOn", date(corrected.death().occurredOn()));
        } else {
            return false;
        }
        return projection.apply(COLLECTION, event.subjectId(), received.eventId(), update);
    }

    public Optional<SubjectMilestones> subject(String subjectId) {
        return Optional.ofNullable(mongo.findById(subjectId, Document.class, COLLECTION))
                .map(SubjectStatusProjection::milestones);
    }

    /** A screening finding as corrected: the value now, the value before, why and by whom. */
    public record CorrectedFinding(String value, String was, String reason, String correctedBy) {
    }

    /** The subject's corrected screening findings by field (empty when none was corrected). */
    public java.util.Map<String, CorrectedFinding> correctedFindings(String subjectId) {
        Document d = mongo.findById(subjectId, Document.class, COLLECTION);
        Document corrected = d == null ? null : d.get("correctedFindings", Document.class);
        java.util.Map<String, CorrectedFinding> findings = new java.util.TreeMap<>();
        if (corrected != null) {
            corrected.forEach((field, v) -> {
                Document c = (Document) v;
                findings.put(field, new CorrectedFinding(c.getString("value"), c.getString("was"),
                        c.getString("reason"), c.getString("correctedBy")));
            });
        }
        return findings;
    }

    public List<SubjectMilestones> subjectsOf(List<String> sites) {
        Query query = sites == null ? new Query() : Query.query(Criteria.where("siteId").in(sites));
        return mongo.find(CursorBatches.inBatches(query.with(org.springframework.data.domain.Sort.by("_id"))),
                Document.class, COLLECTION)
                .stream().map(SubjectStatusProjection::milestones).toList();
    }

    private static SubjectMilestones milestones(Document d) {
        return new SubjectMilestones(d.getString("_id"), d.getString("siteId"), localDate(d, "screenedOn"),
                d.getBoolean("eligible"), localDate(d, "enrolledOn"), localDate(d, "cd19InfusedOn"),
                localDate(d, "cd22InfusedOn"), localDate(d, "withdrawnOn"), localDate(d, "diedOn"),
                d.getBoolean("eligibilityDeviation", false));
    }

    /** Clinical dates are stored as ISO text: no time zone can shift them. */
    private static String date(LocalDate date) {
        return date.toString();
    }

    private static LocalDate localDate(Document d, String field) {
        String value = d.getString(field);
        return value == null ? null : LocalDate.parse(value);
    }
}
