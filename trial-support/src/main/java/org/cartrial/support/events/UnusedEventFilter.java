package org.cartrial.support.events;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.cloud.stream.config.BindingProperties;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.cloud.stream.config.ConsumerEndpointCustomizer;
import org.springframework.integration.kafka.inbound.KafkaMessageDrivenChannelAdapter;

/**
 * Discards, before Spring Integration and the function see them, the records a binding's {@link ConsumedEventTypes}
 * does not list, judged by the {@code ce_type} header alone (no payload is read). A discarded record still counts as
 * consumed: the listener returns normally, so its offset is committed and the container's interceptor reports its
 * position to the consistency mechanism, exactly as for a record the function ignored.
 */
public class UnusedEventFilter implements ConsumerEndpointCustomizer<KafkaMessageDrivenChannelAdapter<?, ?>> {

    private static final String TYPE_HEADER = "ce_type";

    /** By "destination|group", the way the binder names an endpoint to its customizer. */
    private final Map<String, ConsumedEventTypes> byEndpoint;

    public UnusedEventFilter(List<ConsumedEventTypes> declared, BindingServiceProperties bindings) {
        this.byEndpoint = declared.stream().collect(Collectors.toMap(d -> endpoint(bindings, d.binding()), d -> d));
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void configure(KafkaMessageDrivenChannelAdapter<?, ?> endpoint, String destinationName, String group) {
        ConsumedEventTypes types = byEndpoint.get(key(destinationName, group));
        if (types != null) {
            ((KafkaMessageDrivenChannelAdapter) endpoint).setRecordFilterStrategy(
                    record -> !types.uses(ceType((ConsumerRecord<?, ?>) record)));
        }
    }

    static String ceType(ConsumerRecord<?, ?> record) {
        Header header = record.headers().lastHeader(TYPE_HEADER);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String endpoint(BindingServiceProperties bindings, String binding) {
        BindingProperties properties = Objects.requireNonNull(bindings.getBindings().get(binding),
                () -> "no binding " + binding + " to filter");
        return key(properties.getDestination(), properties.getGroup());
    }

    private static String key(String destination, String group) {
        String destinations = Arrays.stream(destination.split("\\s*,\\s*")).sorted().collect(Collectors.joining(","));
        return destinations + "|" + group;
    }
}
