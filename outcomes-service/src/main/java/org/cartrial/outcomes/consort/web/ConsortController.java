package org.cartrial.outcomes.consort.web;

import java.time.Instant;
import java.util.List;
import java.util.SortedMap;

import org.cartrial.outcomes.consort.domain.ConsortCounts;
import org.cartrial.outcomes.consort.domain.ConsortFlow;
import org.cartrial.outcomes.consort.query.ConsortProjection;
import org.cartrial.support.security.Caller;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The CONSORT flow for analysts (all sites, aggregates only) and for site staff (their own sites only).
 */
@RestController
@RequestMapping("/api/outcomes/consort")
class ConsortController {

    /**
     * {@code failedCriteria}: subjects not eligible, by criterion failed; {@code eligibilityDeviations}: subjects
     * enrolled, then found ineligible by a corrected screening.
     */
    record ConsortAnswer(ConsortCounts overall, SortedMap<String, ConsortCounts> sites,
            SortedMap<String, Long> failedCriteria, long eligibilityDeviations, Instant asOf) {
    }

    private final ConsortProjection consort;

    ConsortController(ConsortProjection consort) {
        this.consort = consort;
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('ANALYST', 'ADMIN', 'SAFETY_OFFICER', 'SITE_COORDINATOR', 'INVESTIGATOR')")
    ConsortAnswer flow(@RequestParam(name = "site", required = false) List<String> site) {
        ConsortFlow flow = consort.flow(Caller.current().sitesToRead(site));
        return new ConsortAnswer(flow.overall(), flow.sites(), flow.failedCriteria(), flow.eligibilityDeviations(),
                Instant.now());
    }
}
