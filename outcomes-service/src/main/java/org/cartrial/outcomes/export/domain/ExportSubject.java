package org.cartrial.outcomes.export.domain;

import org.cartrial.outcomes.analysis.domain.SubjectCourse;

/**
 * What an export knows of one enrolled subject: the course as recorded up to the cut, and the audit trail's recorded
 * values (adverse events, screening, infusions, lymphodepletion; null when none were recorded). Datasets are made
 * from one of these at a time, so an export holds one subject, not the trial.
 */
public record ExportSubject(SubjectCourse course, SubjectAudit audit) {
}
