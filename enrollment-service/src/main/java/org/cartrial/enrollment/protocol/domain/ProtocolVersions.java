package org.cartrial.enrollment.protocol.domain;

import java.time.LocalDate;
import java.util.List;

/** Which protocol version governs a decision about a given clinical date. */
public interface ProtocolVersions {

    ProtocolSettings effectiveOn(LocalDate date);

    /** Every version, oldest first. */
    List<ProtocolSettings> all();
}
