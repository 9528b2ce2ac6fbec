package org.cartrial.support;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

import org.cartrial.support.audit.SubjectReadLog;
import org.cartrial.support.audit.SubjectReadLogController;
import org.cartrial.support.rebuild.ReadModel;
import org.cartrial.support.rebuild.ReadModelController;
import org.cartrial.support.rebuild.ReadModelRebuilds;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.cartrial.support.events.DomainEventForwarder;
import org.cartrial.support.events.EventBatches;
import org.cartrial.support.events.IdempotentProjection;
import org.springframework.cloud.stream.binder.kafka.utils.DlqPartitionFunction;
import org.springframework.kafka.core.KafkaTemplate;
import org.cartrial.support.events.ReadModelCollections;
import org.cartrial.support.events.PublishedEventReader;
import org.cartrial.support.idempotency.IdempotencyKeyFilter;
import org.cartrial.support.idempotency.IdempotencyRecords;
import org.cartrial.support.web.ProblemResponses;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.data.mongo.MongoDataAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.autoconfigure.transaction.TransactionAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.kafka.core.KafkaTemplate;
import org.cartrial.support.consistency.ConsistencyConfiguration;
import org.cartrial.support.consistency.ForwardedEvents;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.databind.ObjectMapper;

/** What every service shares, wired once: error handling, idempotent writes, the forwarder, idempotent reads. */
@AutoConfiguration(after = {ConsistencyConfiguration.class, MongoDataAutoConfiguration.class,
        JdbcTemplateAutoConfiguration.class, TransactionAutoConfiguration.class}, before = WebMvcAutoConfiguration.class)
public class TrialSupportAutoConfiguration {

    /**
     * No Micrometer observation per Spring Security filter, authentication and authorization: on every request they
     * cost more CPU than the check itself, and the HTTP server metrics already time the request.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    ProblemResponses problemResponses() {
        return new ProblemResponses();
    }

    @Bean
    IdempotencyRecords idempotencyRecords(JdbcTemplate jdbcTemplate) {
        return new IdempotencyRecords(jdbcTemplate);
    }

    /** Runs after Spring Security (order -100), so the key is scoped to the authenticated caller. */
    @Bean
    FilterRegistrationBean<IdempotencyKeyFilter> idempotencyKeyFilter(IdempotencyRecords records,
            TransactionTemplate transactionTemplate, ObjectMapper objectMapper) {
        FilterRegistrationBean<IdempotencyKeyFilter> registration = new FilterRegistrationBean<>(
                new IdempotencyKeyFilter(records, transactionTemplate, objectMapper));
        registration.setOrder(0);
        registration.addUrlPatterns("/api/*");
        return registration;
    }

    @Bean
    DomainEventForwarder domainEventForwarder(KafkaTemplate<byte[], byte[]> kafkaTemplate, ObjectMapper objectMapper,
            ForwardedEvents forwardedEvents) {
        return new DomainEventForwarder(kafkaTemplate, objectMapper, forwardedEvents);
    }

    @Bean
    PublishedEventReader publishedEventReader(ObjectMapper objectMapper) {
        return new PublishedEventReader(objectMapper);
    }

    @Bean
    IdempotentProjection idempotentProjection(MongoTemplate mongoTemplate) {
        return new IdempotentProjection(mongoTemplate, new ReadModelCollections());
    }

    /** Batch consumers of the read models (see {@link EventBatches}); dead letters go out on the forwarder's producer. */
    @Bean
    EventBatches eventBatches(PublishedEventReader reader, IdempotentProjection projection,
            KafkaTemplate<byte[], byte[]> kafkaTemplate, BindingServiceProperties bindingProperties,
            ObjectProvider<DlqPartitionFunction> deadLetterPartition, ObjectProvider<Tracer> tracer,
            ObjectProvider<Propagator> propagator) {
        return new EventBatches(reader, projection, kafkaTemplate, bindingProperties,
                deadLetterPartition.getIfAvailable(), tracer.getIfAvailable(), propagator.getIfAvailable());
    }

    @Bean
    SubjectReadLog subjectReadLog(MongoTemplate mongoTemplate) {
        return new SubjectReadLog(mongoTemplate, java.time.Clock.systemUTC());
    }

    @Bean
    SubjectReadLogController subjectReadLogController(SubjectReadLog log) {
        return new SubjectReadLogController(log);
    }

    @Bean
    ReadModelRebuilds readModelRebuilds(ObjectProvider<ReadModel> readModels, BindingsLifecycleController bindings,
            BindingServiceProperties bindingProperties, MongoTemplate mongoTemplate, IdempotentProjection projection,
            @Value("${spring.cloud.stream.kafka.binder.brokers}") String brokers) {
        return new ReadModelRebuilds(readModels.orderedStream().toList(), bindings, bindingProperties, mongoTemplate,
                projection.collections(), brokers, java.time.Clock.systemUTC());
    }

    @Bean
    ReadModelController readModelController(ReadModelRebuilds rebuilds) {
        return new ReadModelController(rebuilds);
    }
}
