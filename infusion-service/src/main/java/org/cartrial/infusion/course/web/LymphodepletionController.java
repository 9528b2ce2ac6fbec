package org.cartrial.infusion.course.web;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.cartrial.api.infusion.CarTProduct;
import org.cartrial.api.infusion.LymphodepletingAgent;
import org.cartrial.api.infusion.LymphodepletionCorrected;
import org.cartrial.api.infusion.LymphodepletionGiven;
import org.cartrial.infusion.course.domain.CorrectLymphodepletion;
import org.cartrial.infusion.course.domain.RecordLymphodepletion;
import org.cartrial.support.security.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Lymphodepleting chemotherapy before a CAR-T product, recorded by a site coordinator or investigator of the
 * subject's own site; the answer carries the body-surface area (Mosteller) computed from the height and weight.
 */
@RestController
@RequestMapping("/api/infusion/lymphodepletions")
class LymphodepletionController {

    record AgentRequest(
            @NotNull @Pattern(regexp = "[A-Za-z][A-Za-z0-9 ()/-]{1,59}", message = "must be a drug name of 2-60 letters, digits, spaces or '()/-'")
            String drug,
            @NotNull @DecimalMin(value = "0.0", inclusive = false) @DecimalMax("5000.0") @Digits(integer = 4, fraction = 3)
            BigDecimal doseMgPerM2) {
    }

    record LymphodepletionRequest(
            @NotNull @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9-]{0,39}", message = "must be a pseudonymous id of 1-40 letters, digits or '-'")
            String subjectId,
            @NotNull @Pattern(regexp = "[A-Z0-9]{2,10}", message = "must be a site code of 2-10 capitals or digits")
            String siteId,
            @NotNull CarTProduct beforeProduct,
            @NotEmpty @Size(max = 6) List<@Valid @NotNull AgentRequest> agents,
            @NotNull @DecimalMin("30.0") @DecimalMax("250.0") @Digits(integer = 3, fraction = 1) BigDecimal heightCm,
            @NotNull @DecimalMin(value = "0.0", inclusive = false) @DecimalMax("250.0") @Digits(integer = 3, fraction = 2)
            BigDecimal weightKg,
            @NotNull @PastOrPresent LocalDate startedOn,
            @NotNull @PastOrPresent LocalDate lastDoseOn) {
    }

    record LymphodepletionResponse(String subjectId, String siteId, CarTProduct beforeProduct, LocalDate startedOn,
            LocalDate lastDoseOn, List<LymphodepletingAgent> agents, BigDecimal heightCm, BigDecimal weightKg,
            BigDecimal bodySurfaceAreaM2, Instant recordedAt, String protocolVersion) {
    }

    record LymphodepletionCorrectionRequest(
            @NotNull @Pattern(regexp = "[A-Z0-9]{2,10}", message = "must be a site code of 2-10 capitals or digits")
            String siteId,
            @jakarta.validation.constraints.NotBlank @Size(max = 1000) String reason,
            @PastOrPresent LocalDate startedOn,
            @PastOrPresent LocalDate lastDoseOn,
            @DecimalMin("30.0") @DecimalMax("250.0") @Digits(integer = 3, fraction = 1) BigDecimal heightCm,
            @DecimalMin(value = "0.0", inclusive = false) @DecimalMax("250.0") @Digits(integer = 3, fraction = 2)
            BigDecimal weightKg,
            @Size(min = 1, max = 6) List<@Valid @NotNull AgentRequest> agents) {
    }

    private final CommandGateway commands;

    LymphodepletionController(CommandGateway commands) {
        this.commands = commands;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED) // what the OpenAPI document says; the ResponseEntity sets it
    @PreAuthorize("hasAnyRole('SITE_COORDINATOR', 'INVESTIGATOR')")
    ResponseEntity<LymphodepletionResponse> record(@Valid @RequestBody LymphodepletionRequest request) {
        Caller caller = Caller.current();
        caller.requireSite(request.siteId());
        LymphodepletionGiven given = commands.sendAndWait(new RecordLymphodepletion(request.subjectId(),
                request.siteId(), request.beforeProduct(),
                request.agents().stream().map(a -> new LymphodepletingAgent(a.drug().strip(), a.doseMgPerM2()))
                        .toList(),
                request.heightCm(), request.weightKg(), request.startedOn(), request.lastDoseOn(),
                caller.siteScope()));
        return ResponseEntity.created(URI.create("/api/infusion/subjects/" + request.subjectId() + "/readiness"))
                .body(new LymphodepletionResponse(given.subjectId(), given.siteId(), given.beforeProduct(),
                        given.occurredOn(), given.lastDoseOn(), given.agents(), given.heightCm(), given.weightKg(),
                        given.bodySurfaceAreaM2(), given.recordedAt(), given.protocolVersion()));
    }

    /**
     * Corrects the lymphodepletion before a product that started on a date, with the reason; values absent are kept.
     */
    @PostMapping("/{subjectId}/{product}/{startedOn}/corrections")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAnyRole('SITE_COORDINATOR', 'INVESTIGATOR')")
    LymphodepletionCorrected correct(@org.springframework.web.bind.annotation.PathVariable String subjectId,
            @org.springframework.web.bind.annotation.PathVariable CarTProduct product,
            @org.springframework.web.bind.annotation.PathVariable @org.springframework.format.annotation.DateTimeFormat(
                    iso = org.springframework.format.annotation.DateTimeFormat.ISO.DATE) LocalDate startedOn,
            @Valid @RequestBody LymphodepletionCorrectionRequest request) {
        Caller caller = Caller.current();
        caller.requireSite(request.siteId());
        List<LymphodepletingAgent> agents = request.agents() == null ? null : request.agents().stream()
                .map(a -> new LymphodepletingAgent(a.drug(), a.doseMgPerM2())).toList();
        return commands.sendAndWait(new CorrectLymphodepletion(subjectId, request.siteId(), product, startedOn,
                request.reason(), caller.user(), request.startedOn(), request.lastDoseOn(), request.heightCm(),
                request.weightKg(), agents, caller.siteScope()));
    }
}
