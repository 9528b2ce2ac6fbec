package org.cartrial.outcomes.analysis.domain;

import java.util.Collection;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The distribution of a subject's maximum CRS or ICANS grade (ASTCT 0-4) among infused subjects. The grade >= 3 rate
 * counts a missing grade as not >= 3 and has an exact CI; the rate among reported grades is given too.
 */
public record ToxicityGrades(SortedMap<Integer, Integer> counts, int missing, int n, int ge3Count, Double ge3Rate,
        Double ge3CiLower, Double ge3CiUpper, Double ge3RateAmongReported, int nReported) {

    static final int SEVERE_GRADE = 3;

    /** @param maxGrades one entry per infused subject, {@code null} where no grade was reported */
    static ToxicityGrades of(Collection<Integer> maxGrades) {
        SortedMap<Integer, Integer> counts = new TreeMap<>();
        for (int grade = 0; grade <= 4; grade++) {
            counts.put(grade, 0);
        }
        int severe = 0;
        int reported = 0;
        for (Integer grade : maxGrades) {
            if (grade == null) {
                continue;
            }
            reported++;
            counts.computeIfPresent(grade, (g, c) -> c + 1);
            if (grade >= SEVERE_GRADE) {
                severe++;
            }
        }
        int n = maxGrades.size();
        ExactProportion rate = ExactProportion.of(severe, n);
        return new ToxicityGrades(counts, (int) maxGrades.stream().filter(Objects::isNull).count(), n, severe,
                rate.proportion(), rate.lower(), rate.upper(), reported > 0 ? (double) severe / reported : null,
                reported);
    }
}
