package org.cartrial.outcomes.analysis.domain;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * A subject of the analysis population seen as of a cut-off: only what the cut-off admits, follow-up capped at it,
 * and the remissions that start the DFS and CIR clocks (data/README.md, "Definitions").
 */
record InfusedSubject(SubjectCourse course, LocalDate dayZero, LocalDate death, Relapse relapse,
        LocalDate followUpEnd, LocalDate firstRemission, LocalDate firstRemissionInWindow) {

    /** The ORR window closes on day 97: the 3-month assessment (day 90) plus one week. */
    static final int ORR_WINDOW_LAST_DAY = 90 + 7;

    /** Empty when the subject was not infused with CD19 CAR-T by the cut-off, and so is outside every analysis. */
    static Optional<InfusedSubject> of(SubjectCourse course, DataCutoff cutoff) {
        LocalDate dayZero = course.cd19InfusionDate();
        if (!cutoff.admits(dayZero)) {
            return Optional.empty();
        }
        Relapse relapse = course.relapse() != null && cutoff.admits(course.relapse().detectedOn()) ? course.relapse() : null;
        // No last follow-up recorded means nothing is known after the infusion: censored on day 0.
        LocalDate followUpEnd = course.lastFollowUpDate() == null ? dayZero : cutoff.cap(course.lastFollowUpDate());
        LocalDate firstRemission = null;
        LocalDate firstRemissionInWindow = null;
        for (ResponseAssessment assessment : course.assessments()) {
            LocalDate on = assessment.assessedOn();
            long day = ChronoUnit.DAYS.between(dayZero, on);
            // Screening assessments before day 0 do not count, however good.
            if (!assessment.response().isRemission() || !cutoff.admits(on) || day < 0) {
                continue;
            }
            if (firstRemission == null || on.isBefore(firstRemission)) {
                firstRemission = on;
            }
            if (day <= ORR_WINDOW_LAST_DAY && (firstRemissionInWindow == null || on.isBefore(firstRemissionInWindow))) {
                firstRemissionInWindow = on;
            }
        }
        return Optional.of(new InfusedSubject(course, dayZero, cutoff.admitted(course.deathDate()), relapse, followUpEnd,
                firstRemission, firstRemissionInWindow));
    }

    boolean respondedInWindow() {
        return firstRemissionInWindow != null;
    }

    boolean inRemissionAnyTime() {
        return firstRemission != null;
    }

    /** OS: death from any cause, else censored at the last date known alive (capped at the cut-off). */
    TimeToEvent overallSurvival() {
        return death != null ? TimeToEvent.event(days(dayZero, death)) : TimeToEvent.censored(days(dayZero, followUpEnd));
    }

    /**
     * EFS: no CR/CRi inside the ORR window is an event on day 0 (induction failure); otherwise relapse or death,
     * whichever came first, else censored at the last date known alive (protocol section 5).
     */
    TimeToEvent eventFreeSurvival() {
        if (!respondedInWindow()) {
            return TimeToEvent.event(0);
        }
        LocalDate first = relapse == null ? death
                : death == null || relapse.detectedOn().isBefore(death) ? relapse.detectedOn() : death;
        return first != null ? TimeToEvent.event(days(dayZero, first)) : TimeToEvent.censored(days(dayZero, followUpEnd));
    }

    /**
     * From a remission's start to relapse or death, whichever came first; a relapse and a death on the same day count
     * as relapse. Used for DFS (either is the event) and CIR (death in remission competes).
     */
    TimeInRemission remissionFrom(LocalDate origin) {
        if (relapse != null && (death == null || !relapse.detectedOn().isAfter(death))) {
            return new TimeInRemission(days(origin, relapse.detectedOn()), RemissionOutcome.RELAPSE);
        }
        if (death != null) {
            return new TimeInRemission(days(origin, death), RemissionOutcome.DEATH_IN_REMISSION);
        }
        return new TimeInRemission(days(origin, followUpEnd), RemissionOutcome.CENSORED);
    }

    private static double days(LocalDate from, LocalDate to) {
        return ChronoUnit.DAYS.between(from, to);
    }
}
