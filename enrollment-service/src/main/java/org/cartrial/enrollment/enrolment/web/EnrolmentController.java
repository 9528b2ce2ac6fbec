package org.cartrial.enrollment.enrolment.web;

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
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.media.Schema;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.cartrial.api.ClearedFields;
import org.cartrial.api.enrollment.ScreeningFindingsCorrected;
import org.cartrial.enrollment.subject.domain.CorrectScreeningFindings;
import org.cartrial.enrollment.subject.domain.EnrolPatient;
import org.cartrial.enrollment.subject.domain.WithdrawPatient;
import org.cartrial.support.security.Caller;
import org.cartrial.support.web.ClearedFieldNames;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Enrolment and withdrawal of a subject, and corrections of its screening findings (with a reason), by the staff of
 * the subject's own site.
 */
@RestController
@Validated
@RequestMapping("/api/enrollment/subjects/{subjectId}")
class EnrolmentController {

    private static final String SUBJECT_ID = "[A-Za-z0-9][A-Za-z0-9-]{0,39}";

    record EnrolmentRequest(@NotNull @PastOrPresent LocalDate enrolledOn) {
    }

    record WithdrawalRequest(@NotNull @PastOrPresent LocalDate withdrawnOn,
            @NotBlank @Size(max = 500) String reason, @NotNull Boolean survivalFollowUpAllowed) {
    }

    record SubjectStatus(String subjectId, String status) {
    }

    /**
     * A correction of screening findings: the reason is required, every finding optional (absent or null: kept);
     * {@code clear} names the optional findings set back to not recorded.
     */
    record ScreeningCorrectionRequest(@NotBlank @Size(max = 1000) String reason,
            @DecimalMin(value = "0.0", inclusive = false) @DecimalMax("250.0") BigDecimal weightKg,
            @Min(0) @Max(100) Integer performanceScore,
            @PastOrPresent LocalDate mrdPositiveSince,
            @DecimalMin("0") @DecimalMax("100") BigDecimal cd19ExpressionPercent,
            @DecimalMin("0") @DecimalMax("100") BigDecimal cd22ExpressionPercent,
            @Schema(description = ClearedFieldNames.DESCRIPTION + " Here: mrdPositiveSince.")
            @Size(max = 10) List<@Pattern(regexp = ClearedFieldNames.PATTERN) String> clear) {
    }

    private final CommandGateway commands;

    EnrolmentController(CommandGateway commands) {
        this.commands = commands;
    }

    @PostMapping("/enrolment")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAnyRole('SITE_COORDINATOR', 'INVESTIGATOR')")
    SubjectStatus enrol(@PathVariable @Pattern(regexp = SUBJECT_ID) String subjectId,
            @Valid @RequestBody EnrolmentRequest request) {
        commands.sendAndWait(new EnrolPatient(subjectId, request.enrolledOn(), Caller.current().siteScope()));
        return new SubjectStatus(subjectId, "on-study");
    }

    @PostMapping("/withdrawal")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAnyRole('SITE_COORDINATOR', 'INVESTIGATOR', 'ADMIN')")
    SubjectStatus withdraw(@PathVariable @Pattern(regexp = SUBJECT_ID) String subjectId,
            @Valid @RequestBody WithdrawalRequest request) {
        commands.sendAndWait(new WithdrawPatient(subjectId, request.withdrawnOn(), request.reason(),
                request.survivalFollowUpAllowed(), Caller.current().siteScope()));
        return new SubjectStatus(subjectId, "withdrawn");
    }

    @PostMapping("/screening/corrections")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAnyRole('SITE_COORDINATOR', 'INVESTIGATOR')")
    ScreeningFindingsCorrected correctScreening(@PathVariable @Pattern(regexp = SUBJECT_ID) String subjectId,
            @Valid @RequestBody ScreeningCorrectionRequest request) {
        Caller caller = Caller.current();
        return commands.sendAndWait(new CorrectScreeningFindings(subjectId, request.reason(), caller.user(),
                request.weightKg(), request.performanceScore(), request.mrdPositiveSince(),
                request.cd19ExpressionPercent(), request.cd22ExpressionPercent(), ClearedFields.of(request.clear()),
                caller.siteScope()));
    }
}
