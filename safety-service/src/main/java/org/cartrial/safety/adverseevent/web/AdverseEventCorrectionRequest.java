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

/** A correction of values recorded wrongly: the reason is required, every other field optional (absent: kept). */
public record AdverseEventCorrectionRequest(
        @NotBlank @Size(max = 1000)
        String reason,
        @PastOrPresent
        LocalDate onsetDate,
        @Min(1) @Max(5)
        Integer grade,
        @Valid
        CrsRequest crs,
        @Valid
        IcansRequest icans,
        @Size(max = 6)
        List<@NotNull SeriousnessCriterion> seriousnessCriteria,
        @Pattern(regexp = Patterns.RELATIONSHIP, message = Patterns.RELATIONSHIP_MESSAGE)
        String relationshipToCarT,
        Boolean expected,
        AdverseEventOutcome outcome,
        @PastOrPresent
        LocalDate resolutionDate) {
}
