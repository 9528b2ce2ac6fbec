package org.cartrial.safety.surveillance.domain;

import java.time.LocalDate;
import java.util.Locale;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.cartrial.api.SiteScope;

/**
 * A site closes the surveillance of a subject for one syndrome: it watched for it from {@code observedFrom} to
 * {@code observedTo} and {@code syndromeObserved} says whether it saw it (only "not observed" is recorded this way;
 * an observed syndrome is an adverse event with its grade). {@code scope} holds the sites the caller acts for. One
 * surveillance per subject and syndrome, identified by {@link #surveillanceIdOf}.
 */
public record CompleteToxicitySurveillance(
        @TargetAggregateIdentifier String surveillanceId,
        String subjectId,
        String siteId,
        SiteScope scope,
        Syndrome syndrome,
        LocalDate observedFrom,
        LocalDate observedTo,
        boolean syndromeObserved) {

    public static CompleteToxicitySurveillance of(String subjectId, String siteId, SiteScope scope, Syndrome syndrome,
            LocalDate observedFrom, LocalDate observedTo, boolean syndromeObserved) {
        return new CompleteToxicitySurveillance(surveillanceIdOf(subjectId, syndrome), subjectId, siteId, scope,
                syndrome, observedFrom, observedTo, syndromeObserved);
    }

    /** The id of the surveillance of one subject for one syndrome, e.g. {@code S01-0001:crs}. */
    public static String surveillanceIdOf(String subjectId, Syndrome syndrome) {
        if (subjectId == null || syndrome == null) {
            throw new IllegalArgumentException("a surveillance is of one subject and one syndrome");
        }
        return subjectId + ":" + syndrome.name().toLowerCase(Locale.ROOT);
    }
}
