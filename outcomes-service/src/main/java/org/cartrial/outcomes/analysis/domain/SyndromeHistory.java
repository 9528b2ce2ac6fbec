package org.cartrial.outcomes.analysis.domain;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What was recorded of one CAR-T syndrome (CRS or ICANS) for one subject, with the clinical dates: the onset and
 * ASTCT grade (1-4, or 5) of each adverse event of it, and the last day of a surveillance that ended without it
 * ({@code noneObservedUpTo}, null when no such surveillance was recorded). The analysis asks for the maximum grade as
 * of a cut-off: only what is dated on or before the cut-off counts.
 */
public record SyndromeHistory(List<GradedOnset> adverseEvents, LocalDate noneObservedUpTo) {

    /** One adverse event of the syndrome: its onset date and its grade. */
    public record GradedOnset(LocalDate onsetOn, int grade) {

        public GradedOnset {
            Objects.requireNonNull(onsetOn, "onsetOn");
        }
    }

    /** Nothing recorded of the syndrome: its grade is missing ("not reported"). */
    public static final SyndromeHistory NOT_REPORTED = new SyndromeHistory(List.of(), null);

    public SyndromeHistory {
        adverseEvents = adverseEvents == null ? List.of() : List.copyOf(adverseEvents);
    }

    /**
     * A maximum grade known on a date (as a cohort file gives it): grade 0 is a surveillance without the syndrome up
     * to that date, grades 1-5 an adverse event with onset that date, null nothing recorded. A null date records
     * nothing a cut-off could admit.
     */
    public static SyndromeHistory maxGradeOn(Integer grade, LocalDate on) {
        if (grade == null || on == null) {
            return NOT_REPORTED;
        }
        return grade == 0 ? new SyndromeHistory(List.of(), on)
                : new SyndromeHistory(List.of(new GradedOnset(on, grade)), null);
    }

    /**
     * The maximum grade as of the cut-off: the worst grade of the adverse events with onset on or before it; 0 when
     * there is none but a surveillance without the syndrome ended on or before it; null (missing) otherwise. An
     * adverse event always outranks a surveillance that saw none.
     */
    public Integer maxGrade(DataCutoff cutoff) {
        Integer worst = adverseEvents.stream().filter(ae -> cutoff.admits(ae.onsetOn())).map(GradedOnset::grade)
                .max(Comparator.naturalOrder()).orElse(null);
        if (worst != null) {
            return worst;
        }
        return cutoff.admits(noneObservedUpTo) ? 0 : null;
    }
}
