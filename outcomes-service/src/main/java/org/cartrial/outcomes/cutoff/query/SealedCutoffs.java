package org.cartrial.outcomes.cutoff.query;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.bson.Document;
import org.cartrial.outcomes.cutoff.domain.DataCutoffSeal;
import org.cartrial.outcomes.cutoff.domain.DataCutoffSealed;
import org.cartrial.support.security.Caller;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The sealed cut-offs. One seal is read from the event store itself, so it is there the moment its command was
 * answered; the list of all seals is a small document per seal, fed by its own streaming processor (the event is
 * internal and never reaches Kafka; writing the same values again is harmless).
 */
@ProcessingGroup(SealedCutoffs.PROCESSING_GROUP)
public class SealedCutoffs {

    public static final String PROCESSING_GROUP = "sealed-cutoffs";
    public static final String COLLECTION = "sealed_cutoffs";

    private final EventStore eventStore;
    private final MongoTemplate mongo;

    public SealedCutoffs(EventStore eventStore, MongoTemplate mongo) {
        this.eventStore = eventStore;
        this.mongo = mongo;
    }

    @EventHandler
    void on(DataCutoffSealed event, MetaData metaData) {
        SealedCutoff seal = seal(event, (String) metaData.get(Caller.META_USER));
        Update update = new Update().set("recordedUpTo", text(seal.recordedUpTo()))
                .set("position", seal.position().entrySet().stream()
                        .map(p -> new Document("partition", p.getKey()).append("offset", p.getValue())).toList())
                .set("facts", seal.facts())
                .set("contentHash", seal.contentHash()).set("reason", seal.reason())
                .set("sealedAt", seal.sealedAt().toString()).set("sealedBy", seal.sealedBy());
        mongo.upsert(Query.query(Criteria.where("_id").is(seal.cutoff().toString())), update, COLLECTION);
    }

    /** The seal of a cut-off, from the event store. */
    public Optional<SealedCutoff> find(LocalDate cutoff) {
        return eventStore.readEvents(DataCutoffSeal.idOf(cutoff)).asStream()
                .filter(m -> m.getPayload() instanceof DataCutoffSealed)
                .findFirst()
                .map(SealedCutoffs::seal);
    }

    /** Every sealed cut-off, the earliest first. */
    public List<SealedCutoff> all() {
        return mongo.findAll(Document.class, COLLECTION).stream().map(SealedCutoffs::seal)
                .sorted(Comparator.comparing(SealedCutoff::cutoff)).toList();
    }

    private static SealedCutoff seal(DomainEventMessage<?> message) {
        return seal((DataCutoffSealed) message.getPayload(), (String) message.getMetaData().get(Caller.META_USER));
    }

    private static SealedCutoff seal(DataCutoffSealed e, String sealedBy) {
        return new SealedCutoff(e.cutoff(), e.recordedUpTo(), e.position(), e.facts(), e.contentHash(), e.reason(),
                e.sealedAt(), sealedBy);
    }

    private static SealedCutoff seal(Document d) {
        SortedMap<String, Long> position = new TreeMap<>();
        // a list, not a map: partition names hold dots, which a MongoDB field name may not
        for (Document p : d.getList("position", Document.class, List.of())) {
            position.put(p.getString("partition"), ((Number) p.get("offset")).longValue());
        }
        String recordedUpTo = d.getString("recordedUpTo");
        return new SealedCutoff(LocalDate.parse(d.getString("_id")),
                recordedUpTo == null ? null : Instant.parse(recordedUpTo), position, d.getInteger("facts", 0),
                d.getString("contentHash"), d.getString("reason"), Instant.parse(d.getString("sealedAt")),
                d.getString("sealedBy"));
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
