package org.cartrial.safety.stream.query;

import java.util.Set;

/**
 * What one subscriber of the safety stream asked for, within what it may see. {@code sites} null means every site
 * (a cross-site role without a site filter). A safety signal concerns the whole trial: it passes the grade,
 * seriousness and site filters, and is left out for site staff ({@code signals} false), since it names subjects of
 * other sites.
 */
public record StreamFilter(Integer minGrade, boolean seriousOnly, Set<String> sites, Set<StreamKind> kinds,
        boolean signals) {

    public StreamFilter {
        sites = sites == null ? null : Set.copyOf(sites);
        kinds = Set.copyOf(kinds);
    }

    public boolean accepts(StreamEntry entry) {
        if (!kinds.contains(entry.kind())) {
            return false;
        }
        if (entry.kind() == StreamKind.SIGNAL) {
            return signals;
        }
        if (minGrade != null && (entry.grade() == null || entry.grade() < minGrade)) {
            return false;
        }
        if (seriousOnly && !entry.serious()) {
            return false;
        }
        return sites == null || sites.contains(entry.siteId());
    }
}
