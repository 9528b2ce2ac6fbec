package org.cartrial.infusion.course.web;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.stream.Collectors;

import jakarta.validation.Valid;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.cartrial.api.infusion.CarTInfused;
import org.cartrial.api.infusion.CarTInfusionCorrected;
import org.cartrial.api.infusion.CarTProduct;
import org.cartrial.infusion.course.domain.Cd22GateClosed;
import org.cartrial.infusion.course.domain.Cd22Override;
import org.cartrial.infusion.course.domain.CorrectCarTInfusion;
import org.cartrial.infusion.course.domain.RecordCarTInfusion;
import org.cartrial.support.security.Caller;
import org.cartrial.support.security.TrialRole;
import org.cartrial.support.web.FieldViolation;
import org.cartrial.support.web.ProblemResponses;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * CAR-T infusions, recorded by a site coordinator or investigator of the subject's own site, or by an
 * administrator. An override of the CD22 gate is approved by the caller, who must be an investigator or an
 * administrator (the infusion course decides, and records the approver).
 */
@RestController
@RequestMapping("/api/infusion/infusions")
class InfusionController {

    /** The answer to a recorded infusion; {@code cd22GateEvidence} for CD22 only. */
    record InfusionResponse(String subjectId, String siteId, CarTProduct product, LocalDate infusedOn,
            Instant infusedAt, BigDecimal dose10e6CellsPerKg, Instant recordedAt, String protocolVersion,
            CarTInfused.Cd22GateEvidence cd22GateEvidence) {
    }

    private final CommandGateway commands;

    InfusionController(CommandGateway commands) {
        this.commands = commands;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED) // what the OpenAPI document says; the ResponseEntity sets it
    @PreAuthorize("hasAnyRole('SITE_COORDINATOR', 'INVESTIGATOR', 'ADMIN')")
    ResponseEntity<InfusionResponse> record(@Valid @RequestBody InfusionRequest request) {
        Caller caller = Caller.current();
        caller.requireSite(request.siteId());
        Cd22Override override = request.override() == null ? null
                : new Cd22Override(request.override().reason(), caller.user(),
                        caller.roles().stream().map(TrialRole::claimValue).collect(Collectors.toSet()));
        CarTInfused infused = commands.sendAndWait(new RecordCarTInfusion(request.subjectId(), request.siteId(),
                request.product(), request.infusedAt(), request.dose10e6CellsPerKg(), request.weightKg(),
                request.productLot(), override, caller.siteScope()));
        return ResponseEntity.created(URI.create("/api/infusion/subjects/" + request.subjectId() + "/readiness"))
                .body(new InfusionResponse(infused.subjectId(), infused.siteId(), infused.product(),
                        infused.occurredOn(), infused.infusedAt(), infused.dose10e6CellsPerKg(), infused.recordedAt(),
                        infused.protocolVersion(), infused.cd22GateEvidence()));
    }

    /** Corrects an infusion recorded wrongly (moment, dose, weight, lot), with the reason; 201 with the correction. */
    @PostMapping("/{subjectId}/{product}/corrections")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAnyRole('SITE_COORDINATOR', 'INVESTIGATOR', 'ADMIN')")
    CarTInfusionCorrected correct(
            @PathVariable String subjectId,
            @PathVariable CarTProduct product, @Valid @RequestBody InfusionCorrectionRequest request) {
        Caller caller = Caller.current();
        caller.requireSite(request.siteId());
        return commands.sendAndWait(new CorrectCarTInfusion(subjectId, request.siteId(), product, request.reason(),
                caller.user(), request.infusedAt(), request.dose10e6CellsPerKg(), request.weightKg(),
                request.productLot(), caller.siteScope()));
    }

    /**
     * A closed CD22 gate: the platform's problem shape (as {@code ProblemResponses} answers any refusal) with one
     * entry in {@code errors} per reason, and the evidence the gate was judged on under {@code cd22Gate}.
     */
    @ExceptionHandler(Cd22GateClosed.class)
    ResponseEntity<ProblemDetail> gateClosed(Cd22GateClosed closed) {
        ProblemDetail problem = ProblemResponses.problem(HttpStatus.UNPROCESSABLE_ENTITY, closed.code(),
                closed.getMessage());
        problem.setProperty("errors", closed.reasons().stream()
                .map(r -> new FieldViolation(r.field(), r.code(), r.message())).toList());
        problem.setProperty("cd22Gate", closed.answer().evidence(null));
        return ResponseEntity.status(HttpStatus.UNPROCESSABLE_ENTITY).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
