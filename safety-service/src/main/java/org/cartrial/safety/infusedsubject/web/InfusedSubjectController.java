package org.cartrial.safety.infusedsubject.web;

import org.cartrial.api.CommandRefused;
import org.cartrial.safety.infusedsubject.query.InfusedSubject;
import org.cartrial.safety.infusedsubject.query.InfusedSubjectsProjection;
import org.cartrial.support.audit.SubjectReadLog;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Day 0 of an infused subject, for safety officers and administrators (all sites). */
@RestController
@RequestMapping("/api/safety/infused-subjects")
class InfusedSubjectController {

    private final InfusedSubjectsProjection infusedSubjects;
    private final SubjectReadLog readLog;

    InfusedSubjectController(InfusedSubjectsProjection infusedSubjects, SubjectReadLog readLog) {
        this.infusedSubjects = infusedSubjects;
        this.readLog = readLog;
    }

    @GetMapping("/{subjectId}")
    @PreAuthorize("hasAnyRole('SAFETY_OFFICER', 'ADMIN')")
    InfusedSubject infusedSubject(@PathVariable String subjectId) {
        InfusedSubject subject = infusedSubjects.find(subjectId).orElseThrow(() -> CommandRefused.notFound(
                "subject-not-infused", "No CD19 infusion is known for subject " + subjectId + "."));
        readLog.record(subject.subjectId(), subject.siteId(), "infused subject");
        return subject;
    }
}
