package org.cartrial.safety.adverseevent.web;

import java.time.LocalDate;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A site's adverse-event report as it arrives over HTTP. {@code adverseEventId} is optional: a client that
 * wants to retry safely supplies its own UUID; otherwise the server makes one.
 */
public record AdverseEventRequest(
        @Pattern(regexp = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}", message = "must be a UUID")
        String adverseEventId,
        @NotNull @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9-]{0,39}", message = "must be a pseudonymous id of 1-40 letters, digits or '-'")
        String subjectId,
        @NotNull @Pattern(regexp = "[A-Z0-9]{2,10}", message = "must be a site code of 2-10 capitals or digits")
        String siteId,
        @NotBlank @Size(max = 200)
        String ctcaeTerm,
        @NotNull @PastOrPresent
        LocalDate onsetDate,
        @NotNull @Min(1) @Max(5)
        Integer grade,
        @NotNull
        Boolean serious,
        @NotNull @Pattern(regexp = "unrelated|unlikely|possible|probable|definite", message = "must be one of unrelated, unlikely, possible, probable, definite")
        String relationshipToCarT,
        @NotNull
        Boolean expected) {
}
