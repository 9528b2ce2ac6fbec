package org.cartrial.outcomes.consort.domain;

import java.util.Collection;
import java.util.SortedMap;
import java.util.TreeMap;

/** The CONSORT flow of the trial, overall and per site, counted from each subject's entry. */
public record ConsortFlow(ConsortCounts overall, SortedMap<String, ConsortCounts> sites) {

    public static ConsortFlow of(Collection<ConsortEntry> entries) {
        ConsortCounts overall = ConsortCounts.NONE;
        SortedMap<String, ConsortCounts> sites = new TreeMap<>();
        for (ConsortEntry entry : entries) {
            overall = overall.add(entry);
            sites.merge(entry.siteId(), ConsortCounts.NONE.add(entry), ConsortFlow::sum);
        }
        return new ConsortFlow(overall, sites);
    }

    private static ConsortCounts sum(ConsortCounts a, ConsortCounts b) {
        return new ConsortCounts(a.screened() + b.screened(), a.eligible() + b.eligible(),
                a.screenFailed() + b.screenFailed(), a.enrolled() + b.enrolled(), a.withdrawn() + b.withdrawn());
    }

}
