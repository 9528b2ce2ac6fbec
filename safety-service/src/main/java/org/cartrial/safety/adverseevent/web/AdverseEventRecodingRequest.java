package org.cartrial.safety.adverseevent.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A recoding of the term, with the reason. Into CRS or ICANS the findings come along; out of them a typed grade.
 */
public record AdverseEventRecodingRequest(
        @NotBlank @Size(max = 1000)
        String reason,
        @NotBlank @Size(max = 200)
        String ctcaeTerm,
        @Pattern(regexp = Patterns.MEDDRA_CODE, message = Patterns.MEDDRA_CODE_MESSAGE)
        String meddraCode,
        @Min(1) @Max(5)
        Integer grade,
        @Valid
        CrsRequest crs,
        @Valid
        IcansRequest icans) {
}
