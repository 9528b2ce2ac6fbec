package org.cartrial.enrollment.protocol;

import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.cartrial.api.protocol.ProtocolAmended;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Amendments stored before ProtocolAmended joined the published language were stored as enrollment's internal
 * {@code org.cartrial.enrollment.protocol.domain.ProtocolAmended}, with the same JSON shape (settings, reason,
 * recordedAt): they are read as the published event. Settings such an old amendment lacks are taken from the
 * version before it when the history is built ({@link org.cartrial.api.protocol.ProtocolHistory}).
 */
public class LegacyProtocolAmendedUpcaster extends SingleEventUpcaster {

    static final String LEGACY_TYPE = "org.cartrial.enrollment.protocol.domain.ProtocolAmended";

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return LEGACY_TYPE.equals(representation.getType().getName());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(new SimpleSerializedType(ProtocolAmended.class.getName(), null),
                JsonNode.class, payload -> payload);
    }
}
