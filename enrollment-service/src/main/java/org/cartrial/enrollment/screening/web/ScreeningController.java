package org.cartrial.enrollment.screening.web;

import java.net.URI;
import java.util.List;

import jakarta.validation.Valid;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.cartrial.api.enrollment.FailedCriterion;
import org.cartrial.enrollment.screening.domain.EligibilityDecision;
import org.cartrial.enrollment.subject.domain.ScreenPatient;
import org.cartrial.support.security.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Screening of a subject by a site coordinator or investigator of the subject's own site. */
@RestController
@RequestMapping("/api/enrollment/screenings")
class ScreeningController {

    /** The answer to a screening: the decision, with every failed criterion. */
    record ScreeningResponse(String subjectId, String siteId, boolean eligible, List<FailedCriterion> failedCriteria,
            String protocolVersion) {
    }

    private final CommandGateway commands;

    ScreeningController(CommandGateway commands) {
        this.commands = commands;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED) // what the OpenAPI document says; the ResponseEntity sets it
    @PreAuthorize("hasAnyRole('SITE_COORDINATOR', 'INVESTIGATOR')")
    ResponseEntity<ScreeningResponse> screen(@Valid @RequestBody ScreeningRequest request) {
        Caller.current().requireSite(request.siteId());
        EligibilityDecision decision = commands.sendAndWait(
                new ScreenPatient(request.subjectId(), request.siteId(), request.findings()));
        return ResponseEntity.created(URI.create("/api/enrollment/subjects/" + request.subjectId()))
                .body(new ScreeningResponse(request.subjectId(), request.siteId(), decision.eligible(),
                        decision.failedCriteria(), decision.protocolVersion()));
    }
}
