package org.cartrial.enrollment.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.cartrial.api.protocol.ProtocolAmended;
import org.cartrial.enrollment.protocol.domain.Protocol;
import org.cartrial.api.protocol.ProtocolHistory;
import org.cartrial.api.protocol.ProtocolSettings;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Replay of amendments stored before the amendment was published and before a setting existed: the stored JSON
 * names enrollment's old internal event type and has no {@code maxDose10e6CellsPerKg} (as if that setting had been
 * added after it was stored). It reads back as the published event, and the version takes the missing setting
 * from the version in force before it.
 */
class LegacyProtocolAmendedUpcasterTest {

    private static final String STORED = """
            {"settings":{"version":"1.1","effectiveFrom":"2026-06-01","minAgeYears":1,"maxAgeYears":21,
            "cd19ExpressionAbovePercent":95,"cd22ExpressionAbovePercent":95,"mrdPositiveMoreThanMonths":3,
            "lanskyBelowAgeYears":16,"minLansky":50,"minKarnofsky":50,"maxEcog":2,"assentFromAgeYears":12,
            "minDose10e6CellsPerKg":1.0},
            "reason":"upper age 21, dose from 1.0","recordedAt":"2026-05-20T10:00:00Z"}
            """;

    private final ObjectMapper objectMapper = JsonMapper.builder().addModule(new JavaTimeModule()).build();
    private final JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(objectMapper).build();

    @Test
    void an_old_stored_amendment_lacking_a_setting_replays_with_the_previous_versions_value() {
        SerializedObject<byte[]> payload = new SimpleSerializedObject<>(STORED.getBytes(StandardCharsets.UTF_8),
                byte[].class, LegacyProtocolAmendedUpcaster.LEGACY_TYPE, null);
        GenericDomainEventEntry<byte[]> entry = new GenericDomainEventEntry<>("Protocol", Protocol.ID, 0, "e-1",
                "2026-05-20T10:00:00Z", payload.getType().getName(), null, payload.getData(), "{}".getBytes(
                        StandardCharsets.UTF_8));

        List<Object> events = new EventUpcasterChain(new LegacyProtocolAmendedUpcaster())
                .upcast(Stream.of(new InitialEventRepresentation(entry, serializer)))
                .map(representation -> (Object) serializer.deserialize(representation.getData()))
                .toList();

        assertThat(events).hasSize(1).first().isInstanceOf(ProtocolAmended.class);
        ProtocolSettings stored = ((ProtocolAmended) events.get(0)).settings();
        assertThat(stored.maxDose10e6CellsPerKg()).isNull();

        ProtocolSettings v11 = ProtocolHistory.of(List.of(stored)).effectiveOn(LocalDate.of(2026, 7, 1));
        assertThat(v11.version()).isEqualTo("1.1");
        assertThat(v11.maxAgeYears()).isEqualByComparingTo("21");
        assertThat(v11.minDose10e6CellsPerKg()).isEqualByComparingTo("1.0");
        assertThat(v11.maxDose10e6CellsPerKg()).isEqualTo(ProtocolSettings.VERSION_1_0.maxDose10e6CellsPerKg());
        // nor had the response criteria (protocol section 4) been added: they are version 1.0's
        assertThat(stored.crMarrowBlastsBelowPercent()).isNull();
        assertThat(v11.crMarrowBlastsBelowPercent())
                .isEqualTo(ProtocolSettings.VERSION_1_0.crMarrowBlastsBelowPercent());
        assertThat(v11.partialResponseMinReduction())
                .isEqualTo(ProtocolSettings.VERSION_1_0.partialResponseMinReduction());
        assertThat(v11.missingSettings()).isEmpty();
    }
}
