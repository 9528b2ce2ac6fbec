package org.cartrial.enrollment.protocol.domain;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.cartrial.api.protocol.ProtocolSettings;

/** Adds a version of the protocol's settings, effective from its date on. */
public record AmendProtocol(@TargetAggregateIdentifier String protocolId, ProtocolSettings settings, String reason) {
}
