package org.cartrial.outcomes.consort.query;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.cartrial.api.enrollment.PatientEnrolled;
import org.cartrial.api.enrollment.PatientScreened;
import org.cartrial.api.enrollment.PatientWithdrawn;
import org.cartrial.outcomes.consort.domain.ConsortEntry;
import org.cartrial.outcomes.consort.domain.ConsortFlow;
import org.cartrial.outcomes.course.domain.EnrolmentRegister;
import org.cartrial.support.events.IdempotentProjection;
import org.cartrial.support.events.ReceivedEvent;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import org.bson.Document;

/**
 * The CONSORT read model: one document per subject ({@code _id} = subject id), so every event touches exactly
 * one document and the shared {@link IdempotentProjection} makes a second delivery a no-op. Counts are taken
 * from those documents when asked, so they can never drift from the subjects they count. It is also the
 * {@link EnrolmentRegister} the clinical course asks whether a subject is enrolled, and where.
 */
public class ConsortProjection implements EnrolmentRegister {

    public static final String COLLECTION = "consort_subjects";

    private final IdempotentProjection projection;
    private final MongoTemplate mongo;

    public ConsortProjection(IdempotentProjection projection, MongoTemplate mongo) {
        this.projection = projection;
        this.mongo = mongo;
    }

    /** @return true if the event changed the read model, false for a duplicate or an event it does not use */
    public boolean apply(ReceivedEvent event) {
        Update update;
        if (event.payload() instanceof PatientScreened screened) {
            update = new Update().set("siteId", screened.siteId())
                    .set("screenedOn", screened.occurredOn().toString())
                    .set("eligible", screened.eligible())
                    .set("failedCriteria", screened.failedCriteria().stream().map(c -> c.code()).toList());
        } else if (event.payload() instanceof PatientEnrolled enrolled) {
            update = new Update().set("siteId", enrolled.siteId()).set("enrolledOn", enrolled.occurredOn().toString());
        } else if (event.payload() instanceof PatientWithdrawn withdrawn) {
            update = new Update().set("siteId", withdrawn.siteId())
                    .set("withdrawnOn", withdrawn.occurredOn().toString());
        } else {
            return false;
        }
        return projection.apply(COLLECTION, event.payload().subjectId(), event.eventId(), update);
    }

    /** The flow over every site, or over the given sites only. */
    public ConsortFlow flow(List<String> sites) {
        Query query = sites == null ? new Query() : Query.query(Criteria.where("siteId").in(sites));
        List<ConsortEntry> entries = mongo.find(query, Document.class, COLLECTION).stream()
                .map(ConsortProjection::entry).toList();
        return ConsortFlow.of(entries);
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
                d.getBoolean("eligible"), date(d, "enrolledOn"), date(d, "withdrawnOn"));
    }

    private static LocalDate date(Document d, String field) {
        String value = d.getString(field);
        return value == null ? null : LocalDate.parse(value);
    }
}
