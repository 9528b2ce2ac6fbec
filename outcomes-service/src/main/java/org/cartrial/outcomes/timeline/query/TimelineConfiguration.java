package org.cartrial.outcomes.timeline.query;

import java.util.function.Consumer;

import org.cartrial.support.events.EventBatches;
import org.cartrial.support.events.IdempotentProjection;
import org.cartrial.support.rebuild.ReadModel;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.messaging.Message;

/** Feeds every context's topic into the subject timelines (binding {@code timelineEvents-in-0}). */
@Configuration(proxyBeanMethods = false)
class TimelineConfiguration {

    @Bean
    SubjectTimelineProjection subjectTimelineProjection(IdempotentProjection projection, MongoTemplate mongo) {
        return new SubjectTimelineProjection(projection, mongo);
    }

    /** A batch at a time ({@link EventBatches}): an entry is computed from its event alone. */
    @Bean
    Consumer<Message<java.util.List<byte[]>>> timelineEvents(EventBatches batches, SubjectTimelineProjection timelines) {
        return batches.consumer("timelineEvents-in-0", timelines::apply);
    }

    @Bean
    ReadModel timelinesReadModel() {
        return new ReadModel("timelines", "timelineEvents-in-0", java.util.List.of(SubjectTimelineProjection.COLLECTION));
    }
}
