package org.cartrial.safety.deadline.web;

import java.time.Instant;
import java.util.List;

import org.cartrial.safety.deadline.query.DueDeadline;
import org.cartrial.safety.deadline.query.DueDeadlinesProjection;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * SAE and SUSAR reporting deadlines not yet met, the most urgent first, for safety officers and administrators:
 * every open clock, or those due before {@code dueBefore} (ISO-8601 instant). Overdue ones (MISSED) are included.
 */
@RestController
@RequestMapping("/api/safety/deadlines")
class DeadlineController {

    /** The answer: the clocks due before {@code dueBefore} (null: all open ones). */
    record DueDeadlines(Instant dueBefore, List<DueDeadline> deadlines) {
    }

    private final DueDeadlinesProjection deadlines;

    DeadlineController(DueDeadlinesProjection deadlines) {
        this.deadlines = deadlines;
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('SAFETY_OFFICER', 'ADMIN')")
    DueDeadlines due(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
            Instant dueBefore) {
        return new DueDeadlines(dueBefore, deadlines.due(dueBefore));
    }
}
