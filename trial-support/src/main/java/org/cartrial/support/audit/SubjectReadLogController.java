package org.cartrial.support.audit;

import org.cartrial.api.CommandRefused;
import org.cartrial.support.security.Caller;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The read-access trail of a subject in this service, for an admin or the staff of the subject's own site
 * ({@code /api/<context>/subjects/{id}/read-log}); another site's subject answers 404.
 */
@RestController
public class SubjectReadLogController {

    private final SubjectReadLog log;

    public SubjectReadLogController(SubjectReadLog log) {
        this.log = log;
    }

    @GetMapping("/api/${trial.context}/subjects/{subjectId}/read-log")
    @PreAuthorize("hasAnyRole('ADMIN', 'SITE_COORDINATOR', 'INVESTIGATOR')")
    SubjectReadLog.Trail readLog(@PathVariable String subjectId) {
        Caller caller = Caller.current();
        return log.trail(subjectId).filter(t -> caller.siteScope().covers(t.siteId()))
                .orElseThrow(() -> CommandRefused.notFound("subject-not-found",
                        "No read-access trail for subject " + subjectId + " at your sites."));
    }
}
