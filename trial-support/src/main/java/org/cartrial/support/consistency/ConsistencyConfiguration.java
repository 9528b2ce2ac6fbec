package org.cartrial.support.consistency;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventBus;
import org.cartrial.api.TrialContext;
import org.cartrial.api.consistency.ConsistencyToken.Partition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Read-your-writes, wired once for every service: the forwarder's Kafka producer and the context's topic, the
 * record of what was forwarded and what the read models applied, and the filter that answers and honours
 * consistency tokens. Settings under {@code trial.consistency}.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration")
@EnableConfigurationProperties(KafkaProperties.class)
public class ConsistencyConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ConsistencyConfiguration.class);

    @Bean
    ForwardedEvents forwardedEvents() {
        return new ForwardedEvents();
    }

    @Bean
    WrittenEvents writtenEvents() {
        return new WrittenEvents();
    }

    @Bean
    SmartInitializingSingleton writtenEventsCollected(EventBus eventBus, WrittenEvents writtenEvents) {
        return () -> eventBus.registerDispatchInterceptor(writtenEvents);
    }

    @Bean
    ForwarderSegments forwarderSegments(EventProcessingConfiguration processing) {
        return new ForwarderSegments(processing);
    }

    @Bean
    BrokerCommittedOffsets brokerCommittedOffsets(KafkaProperties kafka) {
        return new BrokerCommittedOffsets(kafka.getBootstrapServers());
    }

    @Bean
    AppliedPositions appliedPositions(BrokerCommittedOffsets committed) {
        return new AppliedPositions(committed);
    }

    @Bean
    ConsumedOffsetsTracking consumedOffsetsTracking(AppliedPositions applied, BindingServiceProperties bindings) {
        return new ConsumedOffsetsTracking(applied, bindings);
    }

    /** After Spring Security (order -100), before the Idempotency-Key filter (0), whose transaction it must see end. */
    @Bean
    FilterRegistrationBean<ConsistencyFilter> consistencyFilter(AppliedPositions applied, ForwardedEvents forwarded,
            WrittenEvents written, ForwarderSegments forwarder, ObjectMapper objectMapper, MeterRegistry meters,
            @Value("${trial.consistency.read-wait:PT5S}") Duration readWait,
            @Value("${trial.consistency.write-wait:PT2S}") Duration writeWait,
            @Value("${trial.context:}") String context) {
        FilterRegistrationBean<ConsistencyFilter> registration = new FilterRegistrationBean<>(
                new ConsistencyFilter(applied, forwarded, written, forwarder, ownTopic(context), readWait, writeWait,
                        objectMapper, meters));
        registration.setOrder(-10);
        registration.addUrlPatterns("/api/*");
        return registration;
    }

    /** The topic of the service's own context, or null where the context is not one of the trial's. */
    private static String ownTopic(String context) {
        try {
            return TrialContext.valueOf(context.toUpperCase()).topic();
        } catch (IllegalArgumentException notAContext) {
            return null;
        }
    }

    /** The forwarder's producer: Spring Boot's Kafka settings ({@code spring.kafka.producer.*}), bytes in and out. */
    @Bean
    KafkaTemplate<byte[], byte[]> kafkaTemplate(KafkaProperties kafka) {
        return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(kafka.buildProducerProperties(null),
                new ByteArraySerializer(), new ByteArraySerializer()));
    }

    /**
     * The topic of the service's own context, made if missing with the binder's partition count and records kept
     * forever; an existing topic is left as it is (partitions are never added to a keyed topic).
     */
    @Bean
    SmartInitializingSingleton contextTopic(KafkaProperties kafka, @Value("${trial.context}") String context,
            @Value("${spring.cloud.stream.kafka.binder.min-partition-count:4}") int partitions,
            @Value("${spring.cloud.stream.kafka.binder.replication-factor:1}") short replicas) {
        return () -> {
            TrialContext owned;
            try {
                owned = TrialContext.valueOf(context.toUpperCase());
            } catch (IllegalArgumentException notAContext) {
                return;
            }
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    String.join(",", kafka.getBootstrapServers())))) {
                admin.createTopics(List.of(new NewTopic(owned.topic(), partitions, replicas)
                        .configs(Map.of("retention.ms", "-1")))).all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    log.warn("could not make topic {} ({}); the forwarder retries its sends", owned.topic(),
                            e.getCause().toString());
                }
            } catch (TimeoutException e) {
                log.warn("the broker did not answer about topic {}; the forwarder retries its sends", owned.topic());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    /** A consumer group's committed offsets, read from the broker, for partitions another instance consumes. */
    static class BrokerCommittedOffsets implements AppliedPositions.CommittedOffsets, DisposableBean {
        private final List<String> bootstrap;
        private Admin admin;

        BrokerCommittedOffsets(List<String> bootstrap) {
            this.bootstrap = bootstrap;
        }

        @Override
        public Map<Partition, Long> of(String group) {
            Map<Partition, Long> offsets = new HashMap<>();
            try {
                admin().listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(2, TimeUnit.SECONDS)
                        .forEach((tp, offset) -> {
                            if (offset != null) {
                                offsets.put(new Partition(tp.topic(), tp.partition()), offset.offset());
                            }
                        });
            } catch (ExecutionException | TimeoutException e) {
                log.debug("committed offsets of {} unknown: {}", group, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return offsets;
        }

        private synchronized Admin admin() {
            if (admin == null) {
                admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", bootstrap)));
            }
            return admin;
        }

        @Override
        public synchronized void destroy() {
            if (admin != null) {
                admin.close();
            }
        }
    }
}
