package org.cartrial.support.observability;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

/**
 * Puts the W3C trace context of the request that sends a command ({@code traceparent}) into the command's metadata;
 * Axon's correlation data then copies it to every event the command records, the forwarder writes it as the Kafka
 * record's {@code traceparent} header, and each consumer's observation continues the same trace. The forwarder runs
 * later on its own thread, so the context has to travel with the event rather than in a thread-local.
 */
public class TraceContextOnEvents implements MessageDispatchInterceptor<CommandMessage<?>> {

    /** The metadata keys (and Kafka header names) of the W3C trace context. */
    public static final List<String> KEYS = List.of("traceparent", "tracestate");

    private final Tracer tracer;
    private final Propagator propagator;

    public TraceContextOnEvents(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
        return (index, command) -> {
            Span span = tracer.currentSpan();
            if (span == null || command.getMetaData().containsKey(KEYS.get(0))) {
                return command;
            }
            Map<String, String> context = new HashMap<>();
            propagator.inject(span.context(), context, (carrier, key, value) -> {
                if (KEYS.contains(key)) {
                    carrier.put(key, value);
                }
            });
            return context.isEmpty() ? command : command.andMetaData(context);
        };
    }
}
