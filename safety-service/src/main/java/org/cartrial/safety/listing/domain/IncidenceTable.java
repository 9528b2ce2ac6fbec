package org.cartrial.safety.listing.domain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Adverse-event incidence by CTCAE term and grade, as a safety table counts it: a subject counts once per term, at
 * the worst grade they had of it; {@code events} counts every adverse event of the term. The denominator is the
 * number of CD19-infused subjects (the safety population); a subject with an AE but no known infusion still counts
 * in the numerators (an AE before infusion is still an AE), so a proportion may be shown against the population.
 */
public record IncidenceTable(int safetyPopulation, int subjectsWithAnyEvent, List<TermIncidence> terms) {

    /** Grades 1-5 of CTCAE v5. */
    public static final int MAX_GRADE = 5;

    /**
     * @param subjectsByWorstGrade index g-1 holds the subjects whose worst grade of the term is g
     * @param proportion subjects / safety population, null when nobody is infused yet
     */
    public record TermIncidence(String ctcaeTerm, int subjects, int events, List<Integer> subjectsByWorstGrade,
            int subjectsGrade3OrWorse, Double proportion) {
    }

    public static IncidenceTable of(Collection<ListedAdverseEvent> events, int safetyPopulation) {
        Map<String, Map<String, Integer>> worstGradeBySubject = new TreeMap<>();
        Map<String, Integer> eventCounts = new HashMap<>();
        Set<String> subjects = new HashSet<>();
        for (ListedAdverseEvent e : events) {
            worstGradeBySubject.computeIfAbsent(e.ctcaeTerm(), t -> new HashMap<>())
                    .merge(e.subjectId(), e.grade(), Math::max);
            eventCounts.merge(e.ctcaeTerm(), 1, Integer::sum);
            subjects.add(e.subjectId());
        }
        List<TermIncidence> terms = new ArrayList<>();
        worstGradeBySubject.forEach((term, bySubject) -> {
            int[] byGrade = new int[MAX_GRADE];
            bySubject.values().forEach(g -> byGrade[Math.min(Math.max(g, 1), MAX_GRADE) - 1]++);
            int severe = byGrade[2] + byGrade[3] + byGrade[4];
            terms.add(new TermIncidence(term, bySubject.size(), eventCounts.get(term),
                    Arrays.stream(byGrade).boxed().toList(), severe,
                    safetyPopulation == 0 ? null : bySubject.size() / (double) safetyPopulation));
        });
        terms.sort(Comparator.comparingInt(TermIncidence::subjects).reversed()
                .thenComparing(TermIncidence::ctcaeTerm));
        return new IncidenceTable(safetyPopulation, subjects.size(), List.copyOf(terms));
    }
}
