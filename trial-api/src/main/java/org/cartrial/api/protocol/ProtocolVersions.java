package org.cartrial.api.protocol;

import java.time.LocalDate;
import java.util.List;

/** Which protocol version governs a decision about a given clinical date. */
public interface ProtocolVersions {

    /** The version in force on {@code date}, complete; version 1.0 before the first amendment. */
    ProtocolSettings effectiveOn(LocalDate date);

    /** Every version, oldest first. */
    List<ProtocolSettings> all();
}
