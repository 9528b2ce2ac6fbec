package org.cartrial.safety.surveillance.web;

import java.time.LocalDate;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;

import org.cartrial.safety.surveillance.domain.Syndrome;

/**
 * The end of a subject's surveillance for one syndrome as it arrives over HTTP: the site, the syndrome (CRS or
 * ICANS), the period observed and {@code observed}, which must be false (an observed syndrome is an adverse event).
 */
public record ToxicitySurveillanceRequest(
        @NotNull @Pattern(regexp = ToxicitySurveillanceController.SITE_ID,
                message = "must be a site code of 2-10 capitals or digits")
        String siteId,
        @NotNull
        Syndrome syndrome,
        @NotNull @PastOrPresent
        LocalDate observedFrom,
        @NotNull @PastOrPresent
        LocalDate observedTo,
        @NotNull
        Boolean observed) {
}
