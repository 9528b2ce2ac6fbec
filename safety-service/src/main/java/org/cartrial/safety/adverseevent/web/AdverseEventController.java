package org.cartrial.safety.adverseevent.web;

import org.cartrial.api.SiteScope;
import org.cartrial.safety.listing.query.SubjectSites;
import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Pattern;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.cartrial.api.CommandRefused;
import org.cartrial.api.safety.AdverseEventCorrected;
import org.cartrial.api.safety.AdverseEventRecoded;
import org.cartrial.api.safety.AdverseEventReported;
import org.cartrial.api.safety.AdverseEventUpdated;
import org.cartrial.api.safety.SafetyDeadlineMet;
import org.cartrial.safety.adverseevent.AdverseEventConfiguration;
import org.cartrial.safety.adverseevent.domain.CorrectAdverseEvent;
import org.cartrial.safety.adverseevent.domain.RecodeAdverseEvent;
import org.cartrial.safety.adverseevent.domain.RecordReportSent;
import org.cartrial.safety.adverseevent.domain.ReportRecipient;
import org.cartrial.safety.adverseevent.domain.RelationshipToCarT;
import org.cartrial.safety.adverseevent.domain.ReportAdverseEvent;
import org.cartrial.safety.adverseevent.domain.SeriousnessCriterion;
import org.cartrial.safety.adverseevent.domain.UpdateAdverseEvent;
import org.cartrial.safety.adverseevent.query.AdverseEventHistory;
import org.cartrial.safety.adverseevent.query.AdverseEventView;
import org.cartrial.support.audit.SubjectReadLog;
import org.cartrial.support.security.Caller;
import org.cartrial.support.security.TrialRole;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Adverse events: reported and followed up by a site coordinator or investigator of the subject's own site,
 * corrected and recoded (with a reason) by them or a safety officer, read by them, safety officers and
 * administrators. An adverse event of another site is answered as not found.
 */
@RestController
@RequestMapping("/api/safety/adverse-events")
class AdverseEventController {

    /** The id in a path, validated like a request field so a malformed one is refused naming it. */
    record AdverseEventPath(@Pattern(regexp = Patterns.UUID, message = "must be a UUID") String adverseEventId) {
    }

    private final CommandGateway commands;
    private final AdverseEventHistory history;
    private final Validator validator;
    private final SubjectSites subjectSites;
    private final SubjectReadLog readLog;

    AdverseEventController(CommandGateway commands, AdverseEventHistory history, Validator validator,
            SubjectSites subjectSites, SubjectReadLog readLog) {
        this.commands = commands;
        this.history = history;
        this.validator = validator;
        this.subjectSites = subjectSites;
        this.readLog = readLog;
    }

    /** Sends a command about an adverse event; one that was never reported is not found, like another site's. */
    private <R> R send(Object command, String adverseEventId) {
        try {
            return commands.sendAndWait(command);
        } catch (AggregateNotFoundException neverReported) {
            throw CommandRefused.notFound("adverse-event-not-found",
                    "No adverse event " + adverseEventId + " at your sites.");
        }
    }

    private String validId(String adverseEventId) {
        var violations = validator.validate(new AdverseEventPath(adverseEventId));
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return adverseEventId.toLowerCase(Locale.ROOT);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED) // what the OpenAPI document says; the ResponseEntity sets it
    @PreAuthorize("hasAnyRole('SITE_COORDINATOR', 'INVESTIGATOR')")
    ResponseEntity<AdverseEventResponse> report(@Valid @RequestBody AdverseEventRequest request) {
        Caller.current().requireSite(request.siteId());
        subjectSites.requireSubjectAt(request.subjectId(), request.siteId());
        String adverseEventId = request.adverseEventId() != null ? request.adverseEventId().toLowerCase(Locale.ROOT)
                : UUID.randomUUID().toString();
        AdverseEventReported reported = commands.sendAndWait(new ReportAdverseEvent(adverseEventId,
                request.subjectId(), request.siteId(), request.ctcaeTerm(), request.meddraCode(), request.onsetDate(),
                request.grade(), CrsRequest.assessment(request.crs()), IcansRequest.assessment(request.icans()),
                request.serious(), criteria(request.seriousnessCriteria()), relationship(request.relationshipToCarT()),
                request.expected(), request.outcome(), request.resolutionDate()));
        return ResponseEntity.created(URI.create("/api/safety/adverse-events/" + adverseEventId))
                .body(AdverseEventResponse.of(reported.adverseEventId(), reported.subjectId(), reported.siteId(),
                        reported.details(), reported.recordedAt(), reported.protocolVersion(), null,
                        null));
    }

    @PostMapping("/{adverseEventId}/updates")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAnyRole('SITE_COORDINATOR', 'INVESTIGATOR')")
    AdverseEventResponse update(@PathVariable String adverseEventId,
            @Valid @RequestBody AdverseEventUpdateRequest request) {
        String id = validId(adverseEventId);
        AdverseEventUpdated updated = send(new UpdateAdverseEvent(id,
                Caller.current().siteScope(), request.assessedOn(), request.grade(), CrsRequest.assessment(request.crs()),
                IcansRequest.assessment(request.icans()), optionalCriteria(request.seriousnessCriteria()),
                optionalRelationship(request.relationshipToCarT()), request.expected(), request.outcome(),
                request.resolutionDate()), id);
        return AdverseEventResponse.of(updated.adverseEventId(), updated.subjectId(), updated.siteId(),
                updated.details(), updated.recordedAt(), updated.protocolVersion(), updated.changes(), null);
    }

    @PostMapping("/{adverseEventId}/corrections")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAnyRole('SITE_COORDINATOR', 'INVESTIGATOR', 'SAFETY_OFFICER')")
    AdverseEventResponse correct(@PathVariable String adverseEventId,
            @Valid @RequestBody AdverseEventCorrectionRequest request) {
        CorrectAdverseEvent command = new CorrectAdverseEvent(validId(adverseEventId),
                Caller.current().siteScope(), request.reason(), request.onsetDate(), request.grade(),
                CrsRequest.assessment(request.crs()), IcansRequest.assessment(request.icans()),
                optionalCriteria(request.seriousnessCriteria()), optionalRelationship(request.relationshipToCarT()),
                request.expected(), request.outcome(), request.resolutionDate());
        AdverseEventCorrected corrected = send(withReason(command, request.reason()), command.adverseEventId());
        return AdverseEventResponse.of(corrected.adverseEventId(), corrected.subjectId(), corrected.siteId(),
                corrected.details(), corrected.recordedAt(), corrected.protocolVersion(), corrected.corrections(),
                corrected.reason());
    }

    @PostMapping("/{adverseEventId}/recodings")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAnyRole('SITE_COORDINATOR', 'INVESTIGATOR', 'SAFETY_OFFICER')")
    AdverseEventResponse recode(@PathVariable String adverseEventId,
            @Valid @RequestBody AdverseEventRecodingRequest request) {
        RecodeAdverseEvent command = new RecodeAdverseEvent(validId(adverseEventId),
                Caller.current().siteScope(), request.reason(), request.ctcaeTerm(), request.meddraCode(),
                request.grade(), CrsRequest.assessment(request.crs()), IcansRequest.assessment(request.icans()));
        AdverseEventRecoded recoded = send(withReason(command, request.reason()), command.adverseEventId());
        return AdverseEventResponse.of(recoded.adverseEventId(), recoded.subjectId(), recoded.siteId(),
                recoded.details(), recoded.recordedAt(), recoded.protocolVersion(), null, recoded.reason());
    }

    /**
     * Records that the sponsor report (by the site's staff or a safety officer) or the regulator report (by a
     * safety officer) was sent, which closes that reporting clock.
     */
    @PostMapping("/{adverseEventId}/reports")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAnyRole('SITE_COORDINATOR', 'INVESTIGATOR', 'SAFETY_OFFICER')")
    SafetyReportResponse reportSent(@PathVariable String adverseEventId,
            @Valid @RequestBody SafetyReportRequest request) {
        Caller caller = Caller.current();
        if (request.recipient() == ReportRecipient.REGULATOR && !caller.has(TrialRole.SAFETY_OFFICER)) {
            throw new AccessDeniedException("only a safety officer records the report to the regulator");
        }
        String id = validId(adverseEventId);
        SafetyDeadlineMet met = send(new RecordReportSent(id, caller.siteScope(), request.recipient(),
                request.sentAt()), id);
        return SafetyReportResponse.of(met);
    }

    @GetMapping("/{adverseEventId}")
    @PreAuthorize("hasAnyRole('SAFETY_OFFICER', 'ADMIN', 'SITE_COORDINATOR', 'INVESTIGATOR')")
    AdverseEventView adverseEvent(@PathVariable String adverseEventId) {
        SiteScope scope = Caller.current().siteScope();
        AdverseEventView view = history.find(validId(adverseEventId))
                .filter(found -> scope.covers(found.siteId()))
                .orElseThrow(() -> CommandRefused.notFound("adverse-event-not-found",
                        "No adverse event " + adverseEventId + " at your sites."));
        readLog.record(view.subjectId(), view.siteId(), "adverse event " + view.adverseEventId());
        return view;
    }

    /** The reason also travels in the command's metadata, which Axon copies to the event it causes. */
    private static CommandMessage<?> withReason(Object command, String reason) {
        return GenericCommandMessage.asCommandMessage(command)
                .andMetaData(Map.of(AdverseEventConfiguration.META_REASON, reason.strip()));
    }

    private static RelationshipToCarT relationship(String code) {
        return RelationshipToCarT.fromCode(code).orElseThrow(() -> new IllegalStateException("validated above"));
    }

    private static RelationshipToCarT optionalRelationship(String code) {
        return code == null ? null : relationship(code);
    }

    private static Set<SeriousnessCriterion> criteria(List<SeriousnessCriterion> criteria) {
        return criteria == null || criteria.isEmpty() ? Set.of() : EnumSet.copyOf(criteria);
    }

    private static Set<SeriousnessCriterion> optionalCriteria(List<SeriousnessCriterion> criteria) {
        return criteria == null ? null : criteria(criteria);
    }
}
