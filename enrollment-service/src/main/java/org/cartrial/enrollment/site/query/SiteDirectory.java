package org.cartrial.enrollment.site.query;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.bson.Document;
import org.cartrial.enrollment.site.domain.SiteRegistered;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The site directory: one document per registered site, fed from the event store by its own streaming processor
 * (the event is internal, it never reaches Kafka). Setting the same values again is harmless, so a replay or a
 * second delivery changes nothing.
 */
@ProcessingGroup(SiteDirectory.PROCESSING_GROUP)
public class SiteDirectory {

    public static final String PROCESSING_GROUP = "site-directory";
    public static final String COLLECTION = "sites";

    /** A site as the directory lists it. */
    public record SiteEntry(String siteId, String name, String country, Instant registeredAt) {
    }

    private final MongoTemplate mongo;

    public SiteDirectory(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @EventHandler
    void on(SiteRegistered event) {
        Update update = new Update().set("name", event.name()).set("registeredAt", event.recordedAt().toString());
        if (event.country() != null) {
            update.set("country", event.country());
        }
        mongo.upsert(Query.query(Criteria.where("_id").is(event.siteId())), update, COLLECTION);
    }

    /** Every registered site, by code. */
    public List<SiteEntry> all() {
        return mongo.find(new Query().with(Sort.by("_id")), Document.class, COLLECTION).stream()
                .map(SiteDirectory::entry).toList();
    }

    public Optional<SiteEntry> find(String siteId) {
        return Optional.ofNullable(mongo.findById(siteId, Document.class, COLLECTION)).map(SiteDirectory::entry);
    }

    private static SiteEntry entry(Document d) {
        String registeredAt = d.getString("registeredAt");
        return new SiteEntry(d.getString("_id"), d.getString("name"), d.getString("country"),
                registeredAt == null ? null : Instant.parse(registeredAt));
    }
}
