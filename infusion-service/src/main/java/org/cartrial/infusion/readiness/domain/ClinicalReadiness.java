package org.cartrial.infusion.readiness.domain;

import java.util.Optional;

/**
 * What the infusion service knows of a subject's clinical state from the other contexts (enrolment, response
 * assessments, adverse events), as the rules of protocol section 2 ask for it. Implemented by the readiness read
 * model; injected into the infusion course's command handlers.
 */
public interface ClinicalReadiness {

    /** The subject's state as learnt so far; empty when no event about the subject has arrived. */
    Optional<ClinicalState> stateOf(String subjectId);
}
