package org.cartrial.outcomes.export.query;

import org.cartrial.outcomes.analysis.domain.OutcomeAnalysis;
import org.cartrial.outcomes.analysis.query.SubjectCourseProjection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The export reads the subject-course read model; it keeps no documents of its own. */
@Configuration(proxyBeanMethods = false)
class ExportConfiguration {

    @Bean
    TrialExport trialExport(SubjectCourseProjection courses, AuditTrailProjection adverseEvents) {
        return new TrialExport(courses, adverseEvents, OutcomeAnalysis.ENDPOINT_VERSION);
    }
}
