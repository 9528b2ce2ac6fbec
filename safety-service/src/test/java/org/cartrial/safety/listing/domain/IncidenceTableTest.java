package org.cartrial.safety.listing.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

class IncidenceTableTest {

    private static ListedAdverseEvent ae(String id, String subject, String term, int grade) {
        return new ListedAdverseEvent(id, subject, "S01", term, grade, false, false, "possible",
                LocalDate.of(2026, 11, 21), "RECOVERING", null);
    }

    @Test
    void a_subject_counts_once_per_term_at_the_worst_grade_while_every_event_counts() {
        IncidenceTable table = IncidenceTable.of(List.of(
                ae("a1", "S01-0001", "Cytokine release syndrome", 2),
                ae("a2", "S01-0001", "Cytokine release syndrome", 4),
                ae("a3", "S01-0002", "Cytokine release syndrome", 1),
                ae("a4", "S01-0002", "Febrile neutropenia", 3)), 10);

        assertThat(table.safetyPopulation()).isEqualTo(10);
        assertThat(table.subjectsWithAnyEvent()).isEqualTo(2);
        IncidenceTable.TermIncidence crs = table.terms().get(0);
        assertThat(crs.ctcaeTerm()).isEqualTo("Cytokine release syndrome");
        assertThat(crs.subjects()).isEqualTo(2);
        assertThat(crs.events()).isEqualTo(3);
        assertThat(crs.subjectsByWorstGrade()).containsExactly(1, 0, 0, 1, 0);
        assertThat(crs.subjectsGrade3OrWorse()).isEqualTo(1);
        assertThat(crs.proportion()).isEqualTo(0.2);
        IncidenceTable.TermIncidence fn = table.terms().get(1);
        assertThat(fn.subjectsByWorstGrade()).containsExactly(0, 0, 1, 0, 0);
        assertThat(fn.subjectsGrade3OrWorse()).isEqualTo(1);
    }

    @Test
    void without_a_safety_population_there_is_no_proportion() {
        IncidenceTable table = IncidenceTable.of(List.of(ae("a1", "S01-0001", "Pyrexia", 1)), 0);

        assertThat(table.terms().get(0).proportion()).isNull();
        assertThat(IncidenceTable.of(List.of(), 0).terms()).isEmpty();
    }

    @Test
    void open_means_neither_resolved_nor_fatal() {
        ListedAdverseEvent recovering = ae("a1", "S01-0001", "Pyrexia", 1);
        assertThat(recovering.open()).isTrue();
        assertThat(new ListedAdverseEvent("a2", "S01-0001", "S01", "Pyrexia", 1, false, false, "possible",
                LocalDate.of(2026, 11, 21), "RECOVERED", LocalDate.of(2026, 11, 23)).open()).isFalse();
        assertThat(new ListedAdverseEvent("a3", "S01-0001", "S01", "Sepsis", 5, true, false, "unlikely",
                LocalDate.of(2026, 11, 21), "FATAL", null).open()).isFalse();
    }
}
