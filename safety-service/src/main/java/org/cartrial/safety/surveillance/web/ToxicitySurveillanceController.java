package org.cartrial.safety.surveillance.web;

import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Pattern;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.cartrial.api.safety.ToxicitySurveillanceCompleted;
import org.cartrial.safety.listing.query.SubjectSites;
import org.cartrial.safety.surveillance.domain.CompleteToxicitySurveillance;
import org.cartrial.support.security.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The end of a subject's CRS or ICANS surveillance without the syndrome, recorded by a site coordinator or
 * investigator of the subject's own site, once per subject and syndrome (a second one is a conflict; a retry with the
 * same {@code Idempotency-Key} gets the first answer). A subject of another site is answered as not found.
 */
@RestController
@RequestMapping("/api/safety/subjects/{subjectId}/toxicity-surveillance")
class ToxicitySurveillanceController {

    static final String SUBJECT_ID = "[A-Za-z0-9][A-Za-z0-9-]{0,39}";
    static final String SITE_ID = "[A-Z0-9]{2,10}";

    /** The id in the path, validated like a request field so a malformed one is refused naming it. */
    record SubjectPath(@Pattern(regexp = SUBJECT_ID,
            message = "must be a pseudonymous id of 1-40 letters, digits or '-'") String subjectId) {
    }

    private final CommandGateway commands;
    private final Validator validator;
    private final SubjectSites subjectSites;

    ToxicitySurveillanceController(CommandGateway commands, Validator validator, SubjectSites subjectSites) {
        this.commands = commands;
        this.validator = validator;
        this.subjectSites = subjectSites;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAnyRole('SITE_COORDINATOR', 'INVESTIGATOR')")
    ToxicitySurveillanceResponse complete(@PathVariable String subjectId,
            @Valid @RequestBody ToxicitySurveillanceRequest request) {
        var violations = validator.validate(new SubjectPath(subjectId));
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        Caller caller = Caller.current();
        caller.requireSite(request.siteId());
        subjectSites.requireSubjectAt(subjectId, request.siteId());
        ToxicitySurveillanceCompleted completed = commands.sendAndWait(CompleteToxicitySurveillance.of(subjectId,
                request.siteId(), caller.siteScope(), request.syndrome(), request.observedFrom(),
                request.observedTo(), request.observed()));
        return ToxicitySurveillanceResponse.of(completed);
    }
}
