package org.cartrial.safety.listing.query;

import java.util.Optional;

import org.cartrial.api.CommandRefused;
import org.cartrial.safety.enrolledsubject.query.EnrolledSubjectsProjection;
import org.cartrial.safety.infusedsubject.query.InfusedSubject;
import org.cartrial.safety.infusedsubject.query.InfusedSubjectsProjection;
import org.springframework.stereotype.Component;

/**
 * The site a subject belongs to as far as the safety service knows it: the site that infused it (learnt from the
 * infusion stream), else the site that enrolled it (the enrollment stream), else the site of its adverse events. A write naming another site for a known subject is
 * refused as not found, the same answer as for an unknown subject, so no site writes for another site's subject
 * (its adverse events would otherwise move the subject's listing, and with it the right to read it, to that site).
 */
@Component
public class SubjectSites {

    private final InfusedSubjectsProjection infusedSubjects;
    private final EnrolledSubjectsProjection enrolledSubjects;
    private final AdverseEventListing listing;

    SubjectSites(InfusedSubjectsProjection infusedSubjects, EnrolledSubjectsProjection enrolledSubjects,
            AdverseEventListing listing) {
        this.infusedSubjects = infusedSubjects;
        this.enrolledSubjects = enrolledSubjects;
        this.listing = listing;
    }

    public Optional<String> siteOf(String subjectId) {
        return infusedSubjects.find(subjectId).map(InfusedSubject::siteId)
                .or(() -> enrolledSubjects.siteOf(subjectId))
                .or(() -> listing.ofSubject(subjectId, false).map(AdverseEventListing.SubjectAdverseEvents::siteId));
    }

    /** Refuses (404) a write for {@code subjectId} at {@code siteId} when the subject is known at another site. */
    public void requireSubjectAt(String subjectId, String siteId) {
        if (siteOf(subjectId).filter(known -> !known.equals(siteId)).isPresent()) {
            throw CommandRefused.notFound("subject-not-found", "No subject " + subjectId + " at your sites.");
        }
    }
}
