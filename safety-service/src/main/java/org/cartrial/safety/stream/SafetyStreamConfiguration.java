package org.cartrial.safety.stream;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;

import org.cartrial.safety.deadline.query.DueDeadlinesProjection;
import org.cartrial.safety.stream.query.StreamLog;
import org.cartrial.safety.stream.web.SafetyStreams;
import org.cartrial.support.audit.SubjectReadLog;
import org.cartrial.safety.listing.query.AdverseEventListing;
import org.cartrial.support.events.PublishedEventReader;
import org.cartrial.support.events.ReceivedEvent;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.messaging.Message;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The safety-officer stream: the one consumer of the safety topic (binding {@code safetyEvents-in-0}, its own
 * consumer group) writes every published safety event of this service into the stream log, the SAE-deadline
 * read model and the adverse-event listing; the open streams read the log. A redelivered record changes none of
 * them; a record that cannot be read goes to the dead-letter topic.
 */
@Configuration(proxyBeanMethods = false)
class SafetyStreamConfiguration {

    @Bean
    StreamLog streamLog(MongoTemplate mongo, Clock clock) {
        StreamLog log = new StreamLog(mongo, clock);
        log.initialise();
        return log;
    }

    @Bean
    SafetyStreams safetyStreams(StreamLog streamLog, SubjectReadLog readLog, ObjectMapper json, Clock clock,
            @Value("${trial.safety.stream.heartbeat:PT15S}") Duration heartbeat,
            @Value("${trial.safety.stream.poll-interval:PT0.5S}") Duration pollInterval,
            @Value("${trial.safety.stream.gap-wait:PT5S}") Duration gapWait,
            @Value("${trial.safety.stream.max-duration:PT1H}") Duration maxDuration,
            @Value("${trial.safety.stream.reconnect-delay:PT2S}") Duration reconnectDelay,
            @Value("${trial.safety.stream.max-streams:200}") int maxStreams,
            @Value("${trial.safety.stream.batch-size:200}") int batchSize,
            @Value("${trial.safety.stream.sender-threads:4}") int senderThreads) {
        return new SafetyStreams(streamLog, readLog, json, clock, new SafetyStreams.Settings(heartbeat,
                pollInterval, gapWait, maxDuration, reconnectDelay, maxStreams, batchSize, senderThreads));
    }

    /** Safety officers following the live stream on this instance: zero during a shift means nobody is watching. */
    @Bean
    MeterBinder safetyStreamSubscribers(SafetyStreams streams) {
        return registry -> Gauge.builder("trial.safety.stream.subscribers", streams, SafetyStreams::openStreams)
                .description("Open server-sent-event streams of the safety stream").register(registry);
    }

    @Bean
    Consumer<Message<byte[]>> safetyEvents(PublishedEventReader reader, StreamLog streamLog,
            DueDeadlinesProjection deadlines, AdverseEventListing listing) {
        return message -> {
            ReceivedEvent event = reader.read(message);
            streamLog.append(event, message.getPayload());
            deadlines.apply(event);
            listing.apply(event);
        };
    }
}
