package org.cartrial.support.observability;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.tracing.MicrometerTracingAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.cloud.stream.binder.kafka.utils.DlqPartitionFunction;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

/**
 * What an operator sees of every service, wired once: command meters, forwarder lag, dead-lettered records, the
 * request id in the log context, and the trace context carried from a request through its events to every consumer.
 * The series are scraped at {@code /actuator/prometheus}, which only the {@code monitor} role may read
 * (ServiceSecurityConfiguration); the gateway routes no {@code /actuator} path.
 */
@AutoConfiguration(after = {MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
        MicrometerTracingAutoConfiguration.class},
        afterName = "org.springframework.boot.actuate.autoconfigure.tracing.OpenTelemetryTracingAutoConfiguration")
public class ObservabilityConfiguration {

    /** Before Spring Security (order -100), so a command refused for its token is counted too. */
    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnBean(MeterRegistry.class)
    FilterRegistrationBean<CommandMeters> commandMeters(MeterRegistry registry) {
        FilterRegistrationBean<CommandMeters> registration = new FilterRegistrationBean<>(new CommandMeters(registry));
        registration.setOrder(-105);
        registration.addUrlPatterns("/api/*");
        return registration;
    }

    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    ProblemRuleNote problemRuleNote() {
        return new ProblemRuleNote();
    }

    /** First of all filters, so every log line of the request carries its id. */
    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    FilterRegistrationBean<RequestIdLogging> requestIdLogging() {
        FilterRegistrationBean<RequestIdLogging> registration = new FilterRegistrationBean<>(new RequestIdLogging());
        registration.setOrder(-110);
        return registration;
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.axonframework.eventsourcing.eventstore.EventStore")
    static class EventStoreMeters {

        @Bean
        @ConditionalOnBean({EventProcessingConfiguration.class, EventStore.class})
        ForwarderLag forwarderLag(EventProcessingConfiguration processing, EventStore eventStore) {
            return new ForwarderLag(processing, eventStore);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.cloud.stream.binder.kafka.utils.DlqPartitionFunction")
    static class ConsumerMeters {

        @Bean
        @ConditionalOnBean(MeterRegistry.class)
        DlqPartitionFunction deadLetterCount(MeterRegistry registry) {
            return new DeadLetterCount(registry);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"org.axonframework.commandhandling.CommandBus", "io.micrometer.tracing.Tracer"})
    @ConditionalOnBean({Tracer.class, Propagator.class})
    static class TraceAcrossKafka {

        /** Events inherit the command's trace context (see {@link TraceContextOnEvents}). */
        @Bean
        CorrelationDataProvider traceContextCorrelation() {
            return new SimpleCorrelationDataProvider(TraceContextOnEvents.KEYS.toArray(String[]::new));
        }

        @Bean
        SmartInitializingSingleton traceContextOnCommands(ObjectProvider<CommandBus> commandBus, Tracer tracer,
                Propagator propagator) {
            TraceContextOnEvents interceptor = new TraceContextOnEvents(tracer, propagator);
            return () -> commandBus.ifAvailable(bus -> bus.registerDispatchInterceptor(interceptor));
        }
    }
}
