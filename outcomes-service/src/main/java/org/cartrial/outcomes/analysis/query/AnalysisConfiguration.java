package org.cartrial.outcomes.analysis.query;

import java.util.function.Consumer;

import org.cartrial.support.events.EventBatches;
import org.cartrial.support.events.IdempotentProjection;
import org.cartrial.support.rebuild.ReadModel;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.messaging.Message;

/** Feeds every context's topic into the subject-course read model (binding {@code subjectCourseEvents-in-0}). */
@Configuration(proxyBeanMethods = false)
class AnalysisConfiguration {

    @Bean
    SubjectCourseProjection subjectCourseProjection(IdempotentProjection projection, MongoTemplate mongo,
            @org.springframework.beans.factory.annotation.Value("${TRIAL_READ_MODEL_RESYNC:PT0S}")
            java.time.Duration resync) {
        return new SubjectCourseProjection(projection, mongo, resync);
    }

    @Bean
    OutcomeReports outcomeReports(SubjectCourseProjection courses,
            com.fasterxml.jackson.databind.ObjectMapper objectMapper) {
        return new OutcomeReports(courses, objectMapper);
    }

    /** A batch at a time ({@link EventBatches}): each fact is computed from its event alone. */
    @Bean
    Consumer<Message<java.util.List<byte[]>>> subjectCourseEvents(EventBatches batches, SubjectCourseProjection courses) {
        return batches.consumer("subjectCourseEvents-in-0", courses::apply);
    }

    @Bean
    ReadModel subjectCoursesReadModel() {
        return new ReadModel("subject-courses", "subjectCourseEvents-in-0", java.util.List.of(SubjectCourseProjection.COLLECTION));
    }
}
