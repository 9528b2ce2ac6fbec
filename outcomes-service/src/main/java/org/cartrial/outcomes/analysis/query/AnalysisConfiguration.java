package org.cartrial.outcomes.analysis.query;

import java.util.function.Consumer;

import org.cartrial.support.events.IdempotentProjection;
import org.cartrial.support.events.PublishedEventReader;
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

    @Bean
    Consumer<Message<byte[]>> subjectCourseEvents(PublishedEventReader reader, SubjectCourseProjection courses) {
        return message -> courses.apply(reader.read(message));
    }

    @Bean
    ReadModel subjectCoursesReadModel() {
        return new ReadModel("subject-courses", "subjectCourseEvents-in-0", java.util.List.of(SubjectCourseProjection.COLLECTION));
    }
}
