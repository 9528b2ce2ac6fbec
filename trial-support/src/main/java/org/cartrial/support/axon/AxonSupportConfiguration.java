package org.cartrial.support.axon;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcSQLErrorCodesResolver;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.cartrial.api.TrialEvent;
import org.cartrial.support.events.DomainEventForwarder;
import org.cartrial.support.security.Caller;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Axon as every service uses it: JSON (Jackson) serialization of records, the caller of every command copied into
 * the metadata of the events it causes, events of one subject handled in order, and a forwarder that fails
 * loudly instead of skipping an event it could not send.
 */
@AutoConfiguration(beforeName = {"org.axonframework.springboot.autoconfig.AxonAutoConfiguration",
        "org.axonframework.springboot.autoconfig.JdbcAutoConfiguration"})
public class AxonSupportConfiguration {

    /**
     * Axon's embedded event store, as its auto-configuration makes it, but waking the tracking processors when the
     * transaction that stored events commits ({@link CommitAwareEventStore}), and looking for events stored by other
     * instances every {@code trial.axon.fetch-delay}. It keeps the latest {@code trial.axon.cached-events} events in
     * memory for processors at the head: Axon's default of 10,000 held about 35 MB of live heap in enrollment-service
     * after 18,000 screenings (payloads serialized and deserialized, issue 10: footprint), where the forwarder and the
     * projections, which follow the head within milliseconds, need a few hundred; a processor further behind reads
     * from the database, as it does after a restart.
     */
    @Bean
    EmbeddedEventStore eventStore(EventStorageEngine storageEngine, org.axonframework.config.Configuration configuration,
            @Value("${trial.axon.fetch-delay:PT0.2S}") Duration fetchDelay,
            @Value("${trial.axon.cached-events:1000}") int cachedEvents) {
        return CommitAwareEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .fetchDelay(fetchDelay.toMillis())
                .cachedEvents(cachedEvents)
                .build();
    }

    /**
     * Axon's JDBC event store as its auto-configuration builds it, but reading a token's gaps by the index
     * ({@link GapsReadByIndex}).
     */
    @Bean
    EventStorageEngine eventStorageEngine(Serializer defaultSerializer,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            org.axonframework.config.Configuration configuration, ConnectionProvider connectionProvider,
            TransactionManager transactionManager) {
        return JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(new JdbcSQLErrorCodesResolver())
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(new EventSchema())
                .readEventDataWithGaps(new GapsReadByIndex())
                .build();
    }

    /** Tokens, sagas and deadlines: typed JSON, so polymorphic values survive a round trip. */
    @Bean
    @Primary
    Serializer serializer(ObjectMapper objectMapper) {
        return JacksonSerializer.builder().objectMapper(objectMapper.copy()).defaultTyping().build();
    }

    /** Events and messages: plain JSON of the records, readable in the event store by any tool. */
    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer(ObjectMapper objectMapper) {
        return JacksonSerializer.builder().objectMapper(objectMapper.copy()).build();
    }

    @Bean
    @Qualifier("messageSerializer")
    Serializer messageSerializer(ObjectMapper objectMapper) {
        return JacksonSerializer.builder().objectMapper(objectMapper.copy()).build();
    }

    @Bean
    CorrelationDataProvider messageOriginProvider() {
        return new MessageOriginProvider();
    }

    @Bean
    CorrelationDataProvider callerCorrelationProvider() {
        return new SimpleCorrelationDataProvider(Caller.META_USER, Caller.META_ROLES, Caller.META_SITES);
    }

    /** Every command carries the authenticated caller; the correlation provider above passes it to the events. */
    @Bean
    SmartInitializingSingleton callerOnEveryCommand(CommandBus commandBus) {
        MessageDispatchInterceptor<CommandMessage<?>> interceptor = new MessageDispatchInterceptor<>() {
            @Override
            public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(
                    List<? extends CommandMessage<?>> messages) {
                return (index, command) -> {
                    if (SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken) {
                        Map<String, String> caller = Caller.current().asMetaData();
                        return command.andMetaData(caller);
                    }
                    return command;
                };
            }
        };
        return () -> commandBus.registerDispatchInterceptor(interceptor);
    }

    /** Events of one subject go out in the order they were stored, whatever aggregate recorded them. */
    @Bean
    SequencingPolicy<org.axonframework.eventhandling.EventMessage<?>> subjectSequencingPolicy() {
        return event -> event.getPayload() instanceof TrialEvent trialEvent ? trialEvent.subjectId()
                : event.getIdentifier();
    }

    @Bean
    ConfigurerModule forwarderFailsLoudly() {
        return configurer -> configurer.eventProcessing().registerListenerInvocationErrorHandler(
                DomainEventForwarder.PROCESSING_GROUP, c -> PropagatingErrorHandler.instance());
    }
}
