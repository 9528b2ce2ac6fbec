package org.cartrial.infusion.readiness.query;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.bson.Document;
import org.cartrial.api.TrialEvent;
import org.cartrial.api.enrollment.PatientEnrolled;
import org.cartrial.api.enrollment.PatientWithdrawn;
import org.cartrial.api.outcomes.ResponseAssessed;
import org.cartrial.api.outcomes.ResponseAssessmentCorrected;
import org.cartrial.api.outcomes.ResponseCategory;
import org.cartrial.api.safety.AdverseEventDetails;
import org.cartrial.api.safety.AdverseEventVersion;
import org.cartrial.infusion.readiness.domain.AdverseEventState;
import org.cartrial.infusion.readiness.domain.ClinicalReadiness;
import org.cartrial.infusion.readiness.domain.ClinicalState;
import org.cartrial.infusion.readiness.domain.ResponseAssessment;
import org.cartrial.infusion.readiness.domain.StatePosition;
import org.cartrial.support.events.IdempotentProjection;
import org.cartrial.support.events.ReceivedEvent;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The readiness read model: one document per subject ({@code _id} = subject id) with what the infusion rules need
 * from the other contexts, so the shared {@link IdempotentProjection} applies each event at most once.
 * <ul>
 * <li>{@code enrolledOn}, {@code withdrawnOn} from the enrolment stream;</li>
 * <li>{@code assessments}: a map keyed by assessment id (date, derived category, MRD status);</li>
 * <li>{@code adverseEvents}: a map keyed by adverse-event id; each holds {@code versions}, a map keyed by the id
 * of every event that described the adverse event (reported, updated, corrected, recoded: each carries its whole
 * state), and the adverse event is what the version recorded last says. So neither map depends on the order the
 * events arrived in;</li>
 * <li>{@code position}: the last event applied (its id and recordedAt), the point the state was read at.</li>
 * </ul>
 * Dates are ISO-8601 text, so no time-zone conversion can move a clinical date. Map keys are ids with {@code %},
 * {@code .} and {@code $} percent-encoded (MongoDB field names cannot hold them); the ids themselves are kept in
 * the values.
 */
public class ReadinessProjection implements ClinicalReadiness {

    public static final String COLLECTION = "readiness";

    private final IdempotentProjection projection;
    private final MongoTemplate mongo;

    public ReadinessProjection(IdempotentProjection projection, MongoTemplate mongo) {
        this.projection = projection;
        this.mongo = mongo;
    }

    /** @return true if the event changed the read model, false for a duplicate or an event it does not use */
    public boolean apply(ReceivedEvent event) {
        TrialEvent payload = event.payload();
        Update update = new Update();
        if (payload instanceof PatientEnrolled enrolled) {
            update.set("enrolledOn", enrolled.occurredOn().toString());
        } else if (payload instanceof PatientWithdrawn withdrawn) {
            update.set("withdrawnOn", withdrawn.occurredOn().toString());
        } else if (payload instanceof ResponseAssessed assessed) {
            assessment(update, assessed);
        } else if (payload instanceof ResponseAssessmentCorrected corrected) {
            // the gate decides on the corrected assessment (its MRD status, its date), never on the first record
            assessment(update, corrected.assessment());
        } else if (payload instanceof AdverseEventVersion version) {
            version(update, event, version.adverseEventId(), version.details());
        } else {
            return false;
        }
        update.set("siteId", payload.siteId())
                .set("position", new Document("lastEventId", event.eventId())
                        .append("recordedAt", text(payload.recordedAt())));
        return projection.apply(COLLECTION, payload.subjectId(), event.eventId(), update);
    }

    private static void assessment(Update update, ResponseAssessed assessed) {
        update.set("assessments." + key(assessed.assessmentId()), new Document()
                .append("assessmentId", assessed.assessmentId())
                .append("assessedOn", assessed.occurredOn().toString())
                .append("recordedAt", text(assessed.recordedAt()))
                .append("derivedResponse", assessed.derivedResponse() == null ? null
                        : assessed.derivedResponse().name())
                .append("mrdNegative", assessed.mrdNegative()));
    }

    private static void version(Update update, ReceivedEvent event, String adverseEventId,
            AdverseEventDetails details) {
        version(update, event, adverseEventId, details.ctcaeTerm(), details.grade(), details.onsetDate(),
                details.resolutionDate());
    }

    private static void version(Update update, ReceivedEvent event, String adverseEventId, String ctcaeTerm,
            int grade, LocalDate onsetOn, LocalDate resolvedOn) {
        String path = "adverseEvents." + key(adverseEventId);
        update.set(path + ".adverseEventId", adverseEventId);
        update.set(path + ".versions." + key(event.eventId()), new Document()
                .append("eventId", event.eventId())
                .append("type", event.type())
                .append("recordedAt", text(event.payload().recordedAt()))
                .append("ctcaeTerm", ctcaeTerm)
                .append("grade", grade)
                .append("onsetOn", onsetOn == null ? null : onsetOn.toString())
                .append("resolvedOn", resolvedOn == null ? null : resolvedOn.toString()));
    }

    @Override
    public Optional<ClinicalState> stateOf(String subjectId) {
        return Optional.ofNullable(mongo.findById(subjectId, Document.class, COLLECTION))
                .map(ReadinessProjection::state);
    }

    private static ClinicalState state(Document d) {
        Map<String, ResponseAssessment> assessments = new LinkedHashMap<>();
        for (Object value : map(d, "assessments").values()) {
            Document a = (Document) value;
            String category = a.getString("derivedResponse");
            assessments.put(a.getString("assessmentId"), new ResponseAssessment(a.getString("assessmentId"),
                    date(a, "assessedOn"), instant(a, "recordedAt"),
                    category == null ? null : ResponseCategory.valueOf(category), a.getBoolean("mrdNegative")));
        }
        Map<String, AdverseEventState> adverseEvents = new LinkedHashMap<>();
        for (Object value : map(d, "adverseEvents").values()) {
            Document ae = (Document) value;
            latestVersion(ae).ifPresent(v -> adverseEvents.put(ae.getString("adverseEventId"),
                    new AdverseEventState(ae.getString("adverseEventId"), v.getString("ctcaeTerm"),
                            v.getInteger("grade"), date(v, "onsetOn"), date(v, "resolvedOn"))));
        }
        Document position = d.get("position", Document.class);
        return new ClinicalState(d.getString("_id"), d.getString("siteId"), date(d, "enrolledOn"),
                date(d, "withdrawnOn"), assessments, adverseEvents,
                position == null ? null
                        : new StatePosition(position.getString("lastEventId"), instant(position, "recordedAt")));
    }

    /** The version recorded last (ISO-8601 instants of one format compare as text; ties go to the event id). */
    private static Optional<Document> latestVersion(Document adverseEvent) {
        return map(adverseEvent, "versions").values().stream().map(Document.class::cast)
                .max(Comparator.comparing((Document v) -> instant(v, "recordedAt"),
                        Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(v -> v.getString("eventId")));
    }

    private static Document map(Document d, String field) {
        Document value = d.get(field, Document.class);
        return value == null ? new Document() : value;
    }

    static String key(String id) {
        return id.replace("%", "%25").replace(".", "%2E").replace("$", "%24");
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static LocalDate date(Document d, String field) {
        String value = d.getString(field);
        return value == null ? null : LocalDate.parse(value);
    }

    private static Instant instant(Document d, String field) {
        String value = d.getString(field);
        return value == null ? null : Instant.parse(value);
    }
}
