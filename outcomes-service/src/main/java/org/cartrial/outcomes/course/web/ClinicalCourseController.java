package org.cartrial.outcomes.course.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.media.Schema;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.cartrial.api.ClearedFields;
import org.cartrial.api.SiteScope;
import org.cartrial.api.outcomes.DeathCorrected;
import org.cartrial.api.outcomes.FollowUpCorrected;
import org.cartrial.api.outcomes.RelapseCorrected;
import org.cartrial.api.outcomes.ResponseAssessed;
import org.cartrial.api.outcomes.ResponseAssessmentCorrected;
import org.cartrial.api.outcomes.ResponseCategory;
import org.cartrial.outcomes.course.domain.AssessResponse;
import org.cartrial.outcomes.course.domain.CauseOfDeath;
import org.cartrial.outcomes.course.domain.CnsStatus;
import org.cartrial.outcomes.course.domain.CorrectDeath;
import org.cartrial.outcomes.course.domain.CorrectFollowUp;
import org.cartrial.outcomes.course.domain.CorrectRelapse;
import org.cartrial.outcomes.course.domain.CorrectResponseAssessment;
import org.cartrial.outcomes.course.domain.MarrowAndBloodFindings;
import org.cartrial.outcomes.course.domain.RecordDeath;
import org.cartrial.outcomes.course.domain.RecordFollowUp;
import org.cartrial.outcomes.course.domain.RecordRelapse;
import org.cartrial.outcomes.course.domain.RelapseSite;
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
 * Response assessments, relapse, death and follow-up, recorded by the staff of the subject's site, and corrected by
 * them with a reason (values absent from a correction are kept as recorded).
 */
@RestController
@Validated
@RequestMapping("/api/outcomes/subjects/{subjectId}")
@PreAuthorize("hasAnyRole('SITE_COORDINATOR', 'INVESTIGATOR')")
class ClinicalCourseController {

    private static final String SUBJECT_ID = "[A-Za-z0-9][A-Za-z0-9-]{0,39}";
    private static final String SITE_ID = "[A-Z0-9]{2,10}";

    record AssessmentRequest(
            @NotNull @Pattern(regexp = SITE_ID) String siteId,
            @Pattern(regexp = "[A-Za-z0-9-]{1,40}") String assessmentId,
            @NotNull @PastOrPresent LocalDate assessedOn,
            @NotNull @DecimalMin("0") @DecimalMax("100") BigDecimal marrowBlastsPercent,
            @NotNull Boolean circulatingBlasts,
            @NotNull Boolean extramedullaryDisease,
            @NotNull CnsStatus cnsStatus,
            @NotNull @DecimalMin("0") @DecimalMax("500") BigDecimal ancPer10e9L,
            @NotNull @DecimalMin("0") @DecimalMax("5000") BigDecimal plateletsPer10e9L,
            @DecimalMin("0") @DecimalMax("100") BigDecimal mrdPercent,
            @DecimalMin(value = "0", inclusive = false) @DecimalMax("100") BigDecimal mrdDetectionLimitPercent,
            @NotNull ResponseCategory investigatorResponse) {
    }

    record RelapseRequest(@NotNull @Pattern(regexp = SITE_ID) String siteId, @NotNull @PastOrPresent LocalDate detectedOn,
            @NotNull RelapseSite relapseSite, Boolean cd19Positive, Boolean cd22Positive) {
    }

    record DeathRequest(@NotNull @Pattern(regexp = SITE_ID) String siteId, @NotNull @PastOrPresent LocalDate diedOn,
            @NotNull CauseOfDeath cause) {
    }

    record FollowUpRequest(@NotNull @Pattern(regexp = SITE_ID) String siteId,
            @NotNull @PastOrPresent LocalDate knownAliveOn) {
    }

    record Recorded(String subjectId, String what) {
    }

    /** {@code clear} names the MRD values set back to not measured; an absent or null value keeps the recorded one. */
    record AssessmentCorrectionRequest(
            @NotNull @Pattern(regexp = SITE_ID) String siteId,
            @NotBlank @Size(max = 1000) String reason,
            @PastOrPresent LocalDate assessedOn,
            @DecimalMin("0") @DecimalMax("100") BigDecimal marrowBlastsPercent,
            Boolean circulatingBlasts,
            Boolean extramedullaryDisease,
            CnsStatus cnsStatus,
            @DecimalMin("0") @DecimalMax("500") BigDecimal ancPer10e9L,
            @DecimalMin("0") @DecimalMax("5000") BigDecimal plateletsPer10e9L,
            @DecimalMin("0") @DecimalMax("100") BigDecimal mrdPercent,
            @DecimalMin(value = "0", inclusive = false) @DecimalMax("100") BigDecimal mrdDetectionLimitPercent,
            ResponseCategory investigatorResponse,
            @Schema(description = ClearedFieldNames.DESCRIPTION + " Here: mrdPercent, mrdDetectionLimitPercent.")
            @Size(max = 10) List<@Pattern(regexp = ClearedFieldNames.PATTERN) String> clear) {
    }

    /** {@code clear} names the antigens set back to not tested; an absent or null value keeps the recorded one. */
    record RelapseCorrectionRequest(@NotNull @Pattern(regexp = SITE_ID) String siteId,
            @NotBlank @Size(max = 1000) String reason, @PastOrPresent LocalDate detectedOn, RelapseSite relapseSite,
            Boolean cd19Positive, Boolean cd22Positive,
            @Schema(description = ClearedFieldNames.DESCRIPTION + " Here: cd19Positive, cd22Positive.")
            @Size(max = 10) List<@Pattern(regexp = ClearedFieldNames.PATTERN) String> clear) {
    }

    record DeathCorrectionRequest(@NotNull @Pattern(regexp = SITE_ID) String siteId,
            @NotBlank @Size(max = 1000) String reason, @PastOrPresent LocalDate diedOn, CauseOfDeath cause) {
    }

    record FollowUpCorrectionRequest(@NotNull @Pattern(regexp = SITE_ID) String siteId,
            @NotBlank @Size(max = 1000) String reason, @NotNull @PastOrPresent LocalDate knownAliveOn) {
    }

    private final CommandGateway commands;

    ClinicalCourseController(CommandGateway commands) {
        this.commands = commands;
    }

    @PostMapping("/response-assessments")
    @ResponseStatus(HttpStatus.CREATED)
    ResponseAssessed assess(@PathVariable @Pattern(regexp = SUBJECT_ID) String subjectId,
            @Valid @RequestBody AssessmentRequest r) {
        String assessmentId = r.assessmentId() == null ? UUID.randomUUID().toString() : r.assessmentId();
        return commands.sendAndWait(new AssessResponse(subjectId, r.siteId(), assessmentId, r.assessedOn(),
                new MarrowAndBloodFindings(r.marrowBlastsPercent(), r.circulatingBlasts(), r.extramedullaryDisease(),
                        r.cnsStatus(), r.ancPer10e9L(), r.plateletsPer10e9L(), r.mrdPercent(),
                        r.mrdDetectionLimitPercent()),
                r.investigatorResponse(), scope()));
    }

    @PostMapping("/relapse")
    @ResponseStatus(HttpStatus.CREATED)
    Recorded relapse(@PathVariable @Pattern(regexp = SUBJECT_ID) String subjectId, @Valid @RequestBody RelapseRequest r) {
        commands.sendAndWait(new RecordRelapse(subjectId, r.siteId(), r.detectedOn(), r.relapseSite(),
                r.cd19Positive(), r.cd22Positive(), scope()));
        return new Recorded(subjectId, "relapse");
    }

    @PostMapping("/death")
    @ResponseStatus(HttpStatus.CREATED)
    Recorded death(@PathVariable @Pattern(regexp = SUBJECT_ID) String subjectId, @Valid @RequestBody DeathRequest r) {
        commands.sendAndWait(new RecordDeath(subjectId, r.siteId(), r.diedOn(), r.cause(), scope()));
        return new Recorded(subjectId, "death");
    }

    @PostMapping("/follow-ups")
    @ResponseStatus(HttpStatus.CREATED)
    Recorded followUp(@PathVariable @Pattern(regexp = SUBJECT_ID) String subjectId, @Valid @RequestBody FollowUpRequest r) {
        commands.sendAndWait(new RecordFollowUp(subjectId, r.siteId(), r.knownAliveOn(), scope()));
        return new Recorded(subjectId, "follow-up");
    }

    @PostMapping("/response-assessments/{assessmentId}/corrections")
    @ResponseStatus(HttpStatus.CREATED)
    ResponseAssessmentCorrected correctAssessment(@PathVariable @Pattern(regexp = SUBJECT_ID) String subjectId,
            @PathVariable @Pattern(regexp = "[A-Za-z0-9-]{1,40}") String assessmentId,
            @Valid @RequestBody AssessmentCorrectionRequest r) {
        return commands.sendAndWait(new CorrectResponseAssessment(subjectId, r.siteId(), assessmentId, r.reason(),
                user(), r.assessedOn(), r.marrowBlastsPercent(), r.circulatingBlasts(), r.extramedullaryDisease(),
                r.cnsStatus(), r.ancPer10e9L(), r.plateletsPer10e9L(), r.mrdPercent(), r.mrdDetectionLimitPercent(),
                r.investigatorResponse(), scope(), ClearedFields.of(r.clear())));
    }

    @PostMapping("/relapse/corrections")
    @ResponseStatus(HttpStatus.CREATED)
    RelapseCorrected correctRelapse(@PathVariable @Pattern(regexp = SUBJECT_ID) String subjectId,
            @Valid @RequestBody RelapseCorrectionRequest r) {
        return commands.sendAndWait(new CorrectRelapse(subjectId, r.siteId(), r.reason(), user(), r.detectedOn(),
                r.relapseSite(), r.cd19Positive(), r.cd22Positive(), scope(), ClearedFields.of(r.clear())));
    }

    @PostMapping("/death/corrections")
    @ResponseStatus(HttpStatus.CREATED)
    DeathCorrected correctDeath(@PathVariable @Pattern(regexp = SUBJECT_ID) String subjectId,
            @Valid @RequestBody DeathCorrectionRequest r) {
        return commands.sendAndWait(new CorrectDeath(subjectId, r.siteId(), r.reason(), user(), r.diedOn(), r.cause(),
                scope()));
    }

    /** A follow-up is known by the date recorded for it; the body names the corrected date. */
    @PostMapping("/follow-ups/{knownAliveOn}/corrections")
    @ResponseStatus(HttpStatus.CREATED)
    FollowUpCorrected correctFollowUp(@PathVariable @Pattern(regexp = SUBJECT_ID) String subjectId,
            @PathVariable @org.springframework.format.annotation.DateTimeFormat(
                    iso = org.springframework.format.annotation.DateTimeFormat.ISO.DATE) LocalDate knownAliveOn,
            @Valid @RequestBody FollowUpCorrectionRequest r) {
        return commands.sendAndWait(new CorrectFollowUp(subjectId, r.siteId(), knownAliveOn, r.reason(), user(),
                r.knownAliveOn(), scope()));
    }

    private static String user() {
        return Caller.current().user();
    }

    private static SiteScope scope() {
        return Caller.current().siteScope();
    }
}
