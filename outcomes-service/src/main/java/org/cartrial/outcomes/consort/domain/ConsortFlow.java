package org.cartrial.outcomes.consort.domain;

import java.util.Collection;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The CONSORT flow of the trial, overall and per site, counted from each subject's entry; {@code failedCriteria}
 * counts the subjects not eligible by each criterion they failed (a subject can fail several), the reasons for
 * exclusion in the diagram; {@code eligibilityDeviations} the subjects enrolled and later found ineligible.
 */
public record ConsortFlow(ConsortCounts overall, SortedMap<String, ConsortCounts> sites,
        SortedMap<String, Long> failedCriteria, long eligibilityDeviations) {

    public static ConsortFlow of(Collection<ConsortEntry> entries) {
        ConsortCounts overall = ConsortCounts.NONE;
        SortedMap<String, ConsortCounts> sites = new TreeMap<>();
        SortedMap<String, Long> failedCriteria = new TreeMap<>();
        long deviations = 0;
        for (ConsortEntry entry : entries) {
            overall = overall.add(entry);
            sites.merge(entry.siteId(), ConsortCounts.NONE.add(entry), ConsortFlow::sum);
            if (entry.screenFailed()) {
                entry.failedCriteria().stream().distinct().forEach(code -> failedCriteria.merge(code, 1L, Long::sum));
            }
            deviations += entry.eligibilityDeviation() ? 1 : 0;
        }
        return new ConsortFlow(overall, sites, failedCriteria, deviations);
    }

    private static ConsortCounts sum(ConsortCounts a, ConsortCounts b) {
        return new ConsortCounts(a.screened() + b.screened(), a.eligible() + b.eligible(),
                a.screenFailed() + b.screenFailed(), a.enrolled() + b.enrolled(), a.withdrawn() + b.withdrawn());
    }

}
