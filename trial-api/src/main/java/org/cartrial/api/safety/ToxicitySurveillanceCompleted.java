package org.cartrial.api.safety;

import java.time.Instant;
import java.time.LocalDate;

import org.cartrial.api.PublishedEvent;
import org.cartrial.api.TrialContext;
import org.cartrial.api.TrialEvent;

/**
 * A site closed the surveillance of a subject for one CAR-T syndrome ({@code syndrome}: CRS or ICANS) and the
 * syndrome was not observed from {@code observedFrom} to {@code observedTo}: the subject's maximum ASTCT grade of that
 * syndrome is 0 unless an adverse event of it is reported ("assessed, none" is a fact of its own, unlike "not
 * reported"). {@code occurredOn} is the last day observed ({@code observedTo}). {@code syndromeObserved} is false;
 * a syndrome that was observed is reported as an adverse event with its grade. Recorded once per subject and
 * syndrome.
 */
@PublishedEvent(context = TrialContext.SAFETY)
public record ToxicitySurveillanceCompleted(
        String subjectId,
        String siteId,
        LocalDate occurredOn,
        Instant recordedAt,
        String syndrome,
        LocalDate observedFrom,
        LocalDate observedTo,
        boolean syndromeObserved,
        String protocolVersion) implements TrialEvent {
}
