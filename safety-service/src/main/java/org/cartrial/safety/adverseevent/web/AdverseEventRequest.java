package org.cartrial.safety.adverseevent.web;

import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.cartrial.safety.adverseevent.domain.AdverseEventOutcome;
import org.cartrial.safety.adverseevent.domain.SeriousnessCriterion;

/**
 * A site's adverse-event report as it arrives over HTTP. {@code adverseEventId} is optional: a client that
 * wants to retry safely supplies its own UUID; otherwise the server makes one. {@code grade} is the CTCAE v5
 * grade, except for cytokine release syndrome and ICANS, whose grade is computed from {@code crs} or
 * {@code icans}. A serious report names its ICH E2A {@code seriousnessCriteria}.
 */
@GradedAsTheTermRequires
public record AdverseEventRequest(
        @Pattern(regexp = Patterns.UUID, message = "must be a UUID")
        String adverseEventId,
        @NotNull @Pattern(regexp = Patterns.SUBJECT_ID, message = Patterns.SUBJECT_ID_MESSAGE)
        String subjectId,
        @NotNull @Pattern(regexp = Patterns.SITE_ID, message = Patterns.SITE_ID_MESSAGE)
        String siteId,
        @NotBlank @Size(max = 200)
        String ctcaeTerm,
        @Pattern(regexp = Patterns.MEDDRA_CODE, message = Patterns.MEDDRA_CODE_MESSAGE)
        String meddraCode,
        @NotNull @PastOrPresent
        LocalDate onsetDate,
        @Min(1) @Max(5)
        Integer grade,
        @Valid
        CrsRequest crs,
        @Valid
        IcansRequest icans,
        @NotNull
        Boolean serious,
        @Size(max = 6)
        List<@NotNull SeriousnessCriterion> seriousnessCriteria,
        @NotNull @Pattern(regexp = Patterns.RELATIONSHIP, message = Patterns.RELATIONSHIP_MESSAGE)
        String relationshipToCarT,
        @NotNull
        Boolean expected,
        AdverseEventOutcome outcome,
        @PastOrPresent
        LocalDate resolutionDate) {
}
