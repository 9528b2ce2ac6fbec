package org.cartrial.outcomes.export.domain;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

import org.cartrial.api.outcomes.ResponseCategory;

/** Identifiers, study days and controlled words shared by the SDTM and ADaM datasets. */
public final class Subjects {

    private Subjects() {
    }

    /** USUBJID: study, site and subject, unique across the trial (SDTMIG 3.4, DM). */
    public static String usubjid(String siteId, String subjectId) {
        return ExportCut.STUDY_ID + "-" + siteId + "-" + subjectId;
    }

    /**
     * SDTM --DY: the study day of a date relative to RFSTDTC (the CD19 infusion, day 1), with no day 0: dates before
     * it count -1, -2 ... Absent when either date is absent.
     */
    public static Integer studyDay(LocalDate reference, LocalDate on) {
        if (reference == null || on == null) {
            return null;
        }
        long days = ChronoUnit.DAYS.between(reference, on);
        return (int) (days >= 0 ? days + 1 : days);
    }

    /** Days from day 0 (the protocol's clocks: the infusion day is day 0). */
    public static Integer daysFrom(LocalDate origin, LocalDate on) {
        return origin == null || on == null ? null : (int) ChronoUnit.DAYS.between(origin, on);
    }

    /** The response words of the protocol and the case report form: CR, CRi, PR, NR. */
    public static String response(ResponseCategory category) {
        return category == ResponseCategory.CRI ? "CRi" : category.name();
    }

    public static String iso(LocalDate date) {
        return date == null ? null : date.toString();
    }

    public static String flag(boolean yes) {
        return yes ? "Y" : "N";
    }
}
