package org.cartrial.safety.adverseevent.web;

import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.cartrial.safety.adverseevent.domain.AdverseEventOutcome;
import org.cartrial.safety.adverseevent.domain.SeriousnessCriterion;

/**
 * Follow-up of an adverse event as of {@code assessedOn}; every other field is optional (absent: unchanged).
 * {@code seriousnessCriteria}, when present, is the whole new set (empty: no longer serious).
 */
public record AdverseEventUpdateRequest(
        @NotNull @PastOrPresent
        LocalDate assessedOn,
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
