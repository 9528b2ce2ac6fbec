package org.cartrial.infusion.infusion.web;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;

import jakarta.validation.Valid;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.cartrial.api.infusion.CarTInfused;
import org.cartrial.api.infusion.CarTProduct;
import org.cartrial.infusion.infusion.domain.RecordCarTInfusion;
import org.cartrial.support.security.Caller;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** CAR-T infusions, recorded by a site coordinator or investigator of the subject's own site. */
@RestController
@RequestMapping("/api/infusion/infusions")
class InfusionController {

    /** The answer to a recorded infusion. */
    record InfusionResponse(String subjectId, String siteId, CarTProduct product, LocalDate infusedOn,
            Instant infusedAt, BigDecimal dose10e6CellsPerKg, Instant recordedAt, String protocolVersion) {
    }

    private final CommandGateway commands;

    InfusionController(CommandGateway commands) {
        this.commands = commands;
    }

    @PostMapping
    @PreAuthorize("hasAnyRole('SITE_COORDINATOR', 'INVESTIGATOR')")
    ResponseEntity<InfusionResponse> record(@Valid @RequestBody InfusionRequest request) {
        Caller.current().requireSite(request.siteId());
        CarTInfused infused = commands.sendAndWait(new RecordCarTInfusion(request.subjectId(), request.siteId(),
                request.product(), request.infusedAt(), request.dose10e6CellsPerKg(), request.weightKg(),
                request.productLot()));
        return ResponseEntity.created(URI.create("/api/infusion/subjects/" + request.subjectId()))
                .body(new InfusionResponse(infused.subjectId(), infused.siteId(), infused.product(),
                        infused.occurredOn(), infused.infusedAt(), infused.dose10e6CellsPerKg(), infused.recordedAt(),
                        infused.protocolVersion()));
    }
}
