package org.cartrial.outcomes.analysis.domain;

import java.time.LocalDate;

/**
 * One CD19-infused subject as the analysis sees it at a cut-off: its clocks and outcomes exactly as the endpoints
 * use them, so an export (ADaM ADSL/ADTTE/ADRS) carries the platform's own derivations and not a second copy of
 * the protocol's rules. {@code remission} is absent when there was no CR/CRi on or after day 0 by the cut-off.
 */
public record SubjectEndpoints(SubjectCourse course, LocalDate dayZero, LocalDate death, Relapse relapse,
        LocalDate followUpEnd, LocalDate firstRemission, LocalDate firstRemissionInWindow, TimeToEvent overallSurvival,
        TimeToEvent eventFreeSurvival, TimeInRemission remission) {

    /** The last study day of the ORR window (day 0 = CD19 infusion). */
    public static final int ORR_WINDOW_LAST_DAY = InfusedSubject.ORR_WINDOW_LAST_DAY;

    public boolean respondedInWindow() {
        return firstRemissionInWindow != null;
    }

    static SubjectEndpoints of(InfusedSubject s) {
        return new SubjectEndpoints(s.course(), s.dayZero(), s.death(), s.relapse(), s.followUpEnd(),
                s.firstRemission(), s.firstRemissionInWindow(), s.overallSurvival(), s.eventFreeSurvival(),
                s.firstRemission() == null ? null : s.remissionFrom(s.firstRemission()));
    }
}
