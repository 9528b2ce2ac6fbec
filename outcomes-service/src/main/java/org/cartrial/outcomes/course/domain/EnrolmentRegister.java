package org.cartrial.outcomes.course.domain;

import java.time.LocalDate;
import java.util.Optional;

/**
 * What the outcomes service has learnt from the enrollment context about who is on the trial: a clinical course is
 * recorded only for an enrolled subject, by the staff of the site that enrolled it. Implemented by the CONSORT read
 * model; injected into the clinical course's command handlers.
 */
public interface EnrolmentRegister {

    /** The subject's enrolment as learnt so far; empty when no enrolment of the subject has arrived (yet). */
    Optional<Enrolment> enrolmentOf(String subjectId);

    /** Where and when the subject was enrolled. */
    record Enrolment(String siteId, LocalDate enrolledOn) {
    }
}
