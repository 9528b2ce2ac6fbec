package org.cartrial.safety.adverseevent.web;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.validation.Valid;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.cartrial.api.safety.AdverseEventReported;
import org.cartrial.safety.adverseevent.domain.RelationshipToCarT;
import org.cartrial.safety.adverseevent.domain.ReportAdverseEvent;
import org.cartrial.support.security.Caller;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Adverse events, reported by a site coordinator or investigator of the subject's own site. */
@RestController
@RequestMapping("/api/safety/adverse-events")
class AdverseEventController {

    /** The answer to a report: the id to refer to the adverse event by from now on. */
    record AdverseEventResponse(String adverseEventId, String subjectId, String siteId, String ctcaeTerm,
            LocalDate onsetDate, int grade, boolean serious, String relationshipToCarT, Instant recordedAt,
            String protocolVersion) {
    }

    private final CommandGateway commands;

    AdverseEventController(CommandGateway commands) {
        this.commands = commands;
    }

    @PostMapping
    @PreAuthorize("hasAnyRole('SITE_COORDINATOR', 'INVESTIGATOR')")
    ResponseEntity<AdverseEventResponse> report(@Valid @RequestBody AdverseEventRequest request) {
        Caller.current().requireSite(request.siteId());
        String adverseEventId = request.adverseEventId() != null ? request.adverseEventId().toLowerCase()
                : UUID.randomUUID().toString();
        RelationshipToCarT relationship = RelationshipToCarT.fromCode(request.relationshipToCarT())
                .orElseThrow(() -> new IllegalStateException("validated above"));
        AdverseEventReported reported = commands.sendAndWait(new ReportAdverseEvent(adverseEventId,
                request.subjectId(), request.siteId(), request.ctcaeTerm().strip(), request.onsetDate(),
                request.grade(), request.serious(), relationship, request.expected()));
        return ResponseEntity.created(URI.create("/api/safety/adverse-events/" + adverseEventId))
                .body(new AdverseEventResponse(reported.adverseEventId(), reported.subjectId(), reported.siteId(),
                        reported.ctcaeTerm(), reported.occurredOn(), reported.grade(), reported.serious(),
                        reported.relationshipToCarT(), reported.recordedAt(), reported.protocolVersion()));
    }
}
