package org.cartrial.safety.enrolledsubject.query;

import java.util.Optional;

import org.bson.Document;
import org.cartrial.api.enrollment.PatientEnrolled;
import org.cartrial.support.events.IdempotentProjection;
import org.cartrial.support.events.ReceivedEvent;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The enrolled subjects and their sites, learnt from the enrollment stream: one document per subject ({@code _id}
 * = subject id), so the shared {@link IdempotentProjection} makes a second delivery a no-op. An adverse event can
 * be reported from enrolment on, before the first infusion tells this service the subject's site; with this the
 * report is checked against the subject's own site from the start.
 */
public class EnrolledSubjectsProjection {

    public static final String COLLECTION = "enrolled_subjects";

    private final IdempotentProjection projection;
    private final MongoTemplate mongo;

    public EnrolledSubjectsProjection(IdempotentProjection projection, MongoTemplate mongo) {
        this.projection = projection;
        this.mongo = mongo;
    }

    /** @return true if the event changed the read model, false for a duplicate or an event it does not use */
    public boolean apply(ReceivedEvent event) {
        if (!(event.payload() instanceof PatientEnrolled enrolled)) {
            return false;
        }
        Update update = new Update()
                .set("siteId", enrolled.siteId())
                .set("enrolledOn", enrolled.occurredOn().toString());
        return projection.apply(COLLECTION, enrolled.subjectId(), event.eventId(), update);
    }

    /** The site that enrolled the subject, if it was enrolled. */
    public Optional<String> siteOf(String subjectId) {
        return Optional.ofNullable(mongo.findById(subjectId, Document.class, COLLECTION)).map(d -> d.getString("siteId"));
    }
}
