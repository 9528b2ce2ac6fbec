package org.cartrial.enrollment.protocol.domain;

import java.time.Instant;

/** An admin added a protocol version (internal to enrollment: decisions publish the version they used). */
public record ProtocolAmended(ProtocolSettings settings, String reason, Instant recordedAt) {
}
