package org.cartrial.safety.stream.query;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import org.cartrial.api.TrialEvent;
import org.cartrial.api.safety.AdverseEventCorrected;
import org.cartrial.api.safety.AdverseEventRecoded;
import org.cartrial.api.safety.AdverseEventReported;
import org.cartrial.api.safety.AdverseEventUpdated;
import org.cartrial.api.safety.SafetyDeadlineApproaching;
import org.cartrial.api.safety.SafetyDeadlineMet;
import org.cartrial.api.safety.SafetyDeadlineMissed;
import org.cartrial.api.safety.SafetyDeadlineSet;
import org.cartrial.api.safety.SafetySignalRaised;

/**
 * What a stream entry is about, as the {@code kinds} filter and the SSE {@code event:} field name it. OTHER is a
 * safety event this version does not know (a newer producer's); it is kept in the log and sent when no
 * {@code kinds} filter is given.
 */
public enum StreamKind {
    REPORTED,
    UPDATED,
    CORRECTED,
    RECODED,
    DEADLINE,
    SIGNAL,
    OTHER;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kinds a client may ask for. */
    public static final String CODES = "reported|updated|corrected|recoded|deadline|signal";

    public static Optional<StreamKind> fromCode(String code) {
        return Arrays.stream(values()).filter(k -> k != OTHER && k.code().equals(code)).findFirst();
    }

    public static StreamKind of(TrialEvent event) {
        if (event instanceof AdverseEventReported) {
            return REPORTED;
        }
        if (event instanceof AdverseEventUpdated) {
            return UPDATED;
        }
        if (event instanceof AdverseEventCorrected) {
            return CORRECTED;
        }
        if (event instanceof AdverseEventRecoded) {
            return RECODED;
        }
        if (event instanceof SafetyDeadlineSet || event instanceof SafetyDeadlineApproaching
                || event instanceof SafetyDeadlineMissed || event instanceof SafetyDeadlineMet) {
            return DEADLINE;
        }
        if (event instanceof SafetySignalRaised) {
            return SIGNAL;
        }
        return OTHER;
    }
}
