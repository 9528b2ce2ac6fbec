package org.cartrial.enrollment.protocol.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.cartrial.enrollment.protocol.domain.AmendProtocol;
import org.cartrial.enrollment.protocol.domain.Protocol;
import org.cartrial.api.protocol.ProtocolSettings;
import org.cartrial.api.protocol.ProtocolVersions;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Protocol versions: every authenticated caller may read them; only an admin amends. */
@RestController
@RequestMapping("/api/enrollment/protocol")
class ProtocolController {

    record AmendmentRequest(
            @NotNull @Pattern(regexp = "[0-9]+(\\.[0-9]+){0,2}") String version,
            @NotNull LocalDate effectiveFrom,
            @NotBlank @Size(max = 500) String reason,
            @NotNull @DecimalMin("0") @DecimalMax("30") BigDecimal minAgeYears,
            @NotNull @DecimalMin("0") @DecimalMax("30") BigDecimal maxAgeYears,
            @NotNull @DecimalMin("0") @DecimalMax("100") BigDecimal cd19ExpressionAbovePercent,
            @NotNull @DecimalMin("0") @DecimalMax("100") BigDecimal cd22ExpressionAbovePercent,
            @NotNull @Min(0) @Max(24) Integer mrdPositiveMoreThanMonths,
            @NotNull @DecimalMin("0") @DecimalMax("30") BigDecimal lanskyBelowAgeYears,
            @NotNull @Min(0) @Max(100) Integer minLansky,
            @NotNull @Min(0) @Max(100) Integer minKarnofsky,
            @NotNull @Min(0) @Max(5) Integer maxEcog,
            @NotNull @DecimalMin("0") @DecimalMax("30") BigDecimal assentFromAgeYears,
            @NotNull @DecimalMin("0.01") @DecimalMax("100") BigDecimal minDose10e6CellsPerKg,
            @NotNull @DecimalMin("0.01") @DecimalMax("100") BigDecimal maxDose10e6CellsPerKg,
            // the safety rules (protocol section 3); each one left out keeps its value of the latest version
            @DecimalMin(value = "0", inclusive = false) @DecimalMax("100") BigDecimal monitoringPriorAlpha,
            @DecimalMin(value = "0", inclusive = false) @DecimalMax("100") BigDecimal monitoringPriorBeta,
            @DecimalMin(value = "0", inclusive = false) @DecimalMax(value = "1", inclusive = false)
            BigDecimal monitoringToxicityRateAbove,
            @DecimalMin(value = "0", inclusive = false) @DecimalMax(value = "1", inclusive = false)
            BigDecimal monitoringProbabilityAbove,
            @Min(1) @Max(500) Integer monitoringBoundaryTableSize,
            @Min(1) @Max(168) Integer saeReportHours,
            // the response criteria (protocol section 4); each one left out keeps its value of the latest version
            @DecimalMin(value = "0", inclusive = false) @DecimalMax("100") BigDecimal crMarrowBlastsBelowPercent,
            @DecimalMin(value = "0", inclusive = false) @DecimalMax("100") BigDecimal minAncPer10e9L,
            @DecimalMin(value = "0", inclusive = false) @DecimalMax("2000") BigDecimal minPlateletsPer10e9L,
            @DecimalMin(value = "0", inclusive = false) @DecimalMax(value = "100", inclusive = false)
            BigDecimal mrdNegativeBelowPercent,
            @DecimalMin(value = "0", inclusive = false) @DecimalMax("1") BigDecimal partialResponseMinReduction,
            @DecimalMin(value = "0", inclusive = false) @DecimalMax("100") BigDecimal partialResponseMaxBlastsPercent,
            @DecimalMin(value = "0", inclusive = false) @DecimalMax(value = "100", inclusive = false)
            BigDecimal relapseMarrowBlastsAbovePercent) {

        ProtocolSettings settings() {
            return new ProtocolSettings(version, effectiveFrom, minAgeYears, maxAgeYears, cd19ExpressionAbovePercent,
                    cd22ExpressionAbovePercent, mrdPositiveMoreThanMonths, lanskyBelowAgeYears, minLansky,
                    minKarnofsky, maxEcog, assentFromAgeYears, minDose10e6CellsPerKg, maxDose10e6CellsPerKg,
                    monitoringPriorAlpha, monitoringPriorBeta, monitoringToxicityRateAbove,
                    monitoringProbabilityAbove, monitoringBoundaryTableSize, saeReportHours,
                    crMarrowBlastsBelowPercent, minAncPer10e9L, minPlateletsPer10e9L, mrdNegativeBelowPercent,
                    partialResponseMinReduction, partialResponseMaxBlastsPercent, relapseMarrowBlastsAbovePercent);
        }
    }

    private final CommandGateway commands;
    private final ProtocolVersions versions;

    ProtocolController(CommandGateway commands, ProtocolVersions versions) {
        this.commands = commands;
        this.versions = versions;
    }

    @PostMapping("/amendments")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('ADMIN')")
    ProtocolSettings amend(@Valid @RequestBody AmendmentRequest request) {
        commands.sendAndWait(new AmendProtocol(Protocol.ID, request.settings(), request.reason()));
        // the version as published: complete, what the request left out taken from the version before
        return versions.all().stream().filter(v -> v.version().equals(request.version())).findFirst()
                .orElseGet(request::settings);
    }

    @GetMapping("/versions")
    List<ProtocolSettings> versions() {
        return versions.all();
    }
}
