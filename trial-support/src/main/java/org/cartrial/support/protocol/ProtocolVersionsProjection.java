package org.cartrial.support.protocol;

import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.bson.Document;
import org.cartrial.api.protocol.ProtocolAmended;
import org.cartrial.api.protocol.ProtocolHistory;
import org.cartrial.api.protocol.ProtocolSettings;
import org.cartrial.api.protocol.ProtocolVersions;
import org.cartrial.support.events.IdempotentProjection;
import org.cartrial.support.events.ReceivedEvent;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * A context's copy of the protocol versions, fed from the published {@link ProtocolAmended} (enrollment owns the
 * amendments): one document per version ({@code _id} = version), applied at most once through the shared
 * {@link IdempotentProjection} (every amendment is keyed by the protocol id, so all of them come in order from one
 * partition). Each setting is stored as text under its own name, exactly as received: a setting an old amendment
 * lacks stays absent and {@link ProtocolHistory} takes it from the version before, so adding a setting needs no
 * migration here. Version 1.0 is in force until an amendment arrives.
 * <p>
 * Decisions read the versions at each call: the collection holds a handful of documents, and an amendment applied
 * by this instance is seen by the very next decision.
 */
public class ProtocolVersionsProjection implements ProtocolVersions {

    public static final String COLLECTION = "protocolVersions";

    private final IdempotentProjection projection;
    private final MongoTemplate mongo;

    public ProtocolVersionsProjection(IdempotentProjection projection, MongoTemplate mongo) {
        this.projection = projection;
        this.mongo = mongo;
    }

    /** @return true if the event changed the read model, false for a duplicate or an event it does not use */
    public boolean apply(ReceivedEvent event) {
        if (!(event.payload() instanceof ProtocolAmended amended)) {
            return false;
        }
        ProtocolSettings settings = amended.settings();
        Update update = new Update();
        for (RecordComponent component : ProtocolSettings.class.getRecordComponents()) {
            Object value = value(component, settings);
            if (value != null) {
                update.set("settings." + component.getName(), value.toString());
            }
        }
        update.set("reason", amended.reason())
                .set("recordedAt", amended.recordedAt() == null ? null : amended.recordedAt().toString());
        return projection.apply(COLLECTION, settings.version(), event.eventId(), update);
    }

    private ProtocolHistory history() {
        List<ProtocolSettings> amendments = new ArrayList<>();
        Query all = new Query();
        all.fields().exclude(IdempotentProjection.APPLIED_EVENTS);
        for (Document d : mongo.find(all, Document.class, COLLECTION)) {
            Document settings = d.get("settings", Document.class);
            if (settings != null) {
                amendments.add(settings(settings));
            }
        }
        return ProtocolHistory.of(amendments);
    }

    @Override
    public ProtocolSettings effectiveOn(LocalDate date) {
        return history().effectiveOn(date);
    }

    @Override
    public List<ProtocolSettings> all() {
        return history().all();
    }

    private static ProtocolSettings settings(Document d) {
        RecordComponent[] components = ProtocolSettings.class.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            String text = d.getString(components[i].getName());
            values[i] = text == null ? null : parse(types[i], text);
        }
        try {
            return ProtocolSettings.class.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read protocol version " + d, e);
        }
    }

    private static Object parse(Class<?> type, String text) {
        if (type == String.class) {
            return text;
        } else if (type == BigDecimal.class) {
            return new BigDecimal(text);
        } else if (type == Integer.class) {
            return Integer.valueOf(text);
        } else if (type == LocalDate.class) {
            return LocalDate.parse(text);
        }
        throw new IllegalStateException("no text form for a protocol setting of type " + type + ": add it here");
    }

    private static Object value(RecordComponent component, ProtocolSettings settings) {
        try {
            return component.getAccessor().invoke(settings);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
