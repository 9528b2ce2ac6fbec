package org.cartrial.safety.infusedsubject.query;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.bson.Document;
import org.cartrial.api.infusion.CarTInfused;
import org.cartrial.api.infusion.CarTInfusionCorrected;
import org.cartrial.api.infusion.CarTProduct;
import org.cartrial.support.events.IdempotentProjection;
import org.cartrial.support.events.ReceivedEvent;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The subjects infused with CD19 CAR-T, learnt from the infusion stream: one document per subject ({@code _id} =
 * subject id) holding day 0, so the shared {@link IdempotentProjection} makes a second delivery a no-op. The
 * safety clocks and the monitoring rule's denominator start from here. Dates are stored as ISO-8601 text, so no
 * time-zone conversion can move a clinical date.
 */
public class InfusedSubjectsProjection {

    public static final String COLLECTION = "infused_subjects";

    private final IdempotentProjection projection;
    private final MongoTemplate mongo;

    public InfusedSubjectsProjection(IdempotentProjection projection, MongoTemplate mongo) {
        this.projection = projection;
        this.mongo = mongo;
    }

    /** @return true if the event changed the read model, false for a duplicate or an event it does not use */
    public boolean apply(ReceivedEvent event) {
        CarTInfused infused;
        if (event.payload() instanceof CarTInfused recorded) {
            infused = recorded;
        } else if (event.payload() instanceof CarTInfusionCorrected corrected) {
            infused = corrected.infusion(); // a corrected CD19 infusion date moves day 0
        } else {
            return false;
        }
        if (infused.product() != CarTProduct.CD19) {
            return false;
        }
        Update update = new Update()
                .set("siteId", infused.siteId())
                .set("day0", infused.occurredOn().toString())
                .set("cd19InfusedAt", infused.infusedAt().toString());
        return projection.apply(COLLECTION, infused.subjectId(), event.eventId(), update);
    }

    public Optional<InfusedSubject> find(String subjectId) {
        return Optional.ofNullable(mongo.findById(subjectId, Document.class, COLLECTION))
                .map(d -> new InfusedSubject(d.getString("_id"), d.getString("siteId"),
                        LocalDate.parse(d.getString("day0")), Instant.parse(d.getString("cd19InfusedAt"))));
    }

    /** The safety population: CD19-infused subjects at the given sites (null = all sites). */
    public int count(List<String> sites) {
        Query query = sites == null
                ? new Query()
                : Query.query(Criteria.where("siteId").in(sites));
        return (int) mongo.count(query, COLLECTION);
    }
}
