package org.cartrial.support.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.cartrial.api.outcomes.DeathRecorded;
import org.cartrial.api.safety.AdverseEventReported;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

class PublishedEventReaderTest {

    // as strict as the services' own mapper, which refuses unknown fields in request bodies
    private final ObjectMapper strict = JsonMapper.builder().findAndAddModules()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    private final PublishedEventReader reader = new PublishedEventReader(strict);

    private static Message<byte[]> record(String body, Map<String, Object> headers) {
        return MessageBuilder.withPayload(body.getBytes(StandardCharsets.UTF_8)).copyHeaders(headers).build();
    }

    @Test
    void reads_an_event_under_either_cloud_events_prefix_and_tolerates_fields_added_later() {
        String body = """
                {"subjectId":"S01-1","siteId":"S01","occurredOn":"2026-02-01","recordedAt":"2026-02-02T10:00:00Z",
                 "cause":"disease","addedByANewerProducer":42}""";
        ReceivedEvent kafka = reader.read(record(body, Map.of("ce_id", "e1",
                "ce_type", "org.cartrial.outcomes.DeathRecorded.v1", "ce_actoruser", "coordinator-S01".getBytes())));
        ReceivedEvent canonical = reader.read(record(body, Map.of("ce-id", "e1",
                "ce-type", "org.cartrial.outcomes.DeathRecorded.v1")));

        assertThat(kafka.payload()).isInstanceOf(DeathRecorded.class);
        assertThat(kafka.actorUser()).isEqualTo("coordinator-S01");
        assertThat(canonical.payload()).isEqualTo(kafka.payload());
    }

    @Test
    void an_unknown_type_or_an_unreadable_body_is_poison() {
        assertThatThrownBy(() -> reader.read(record("{}", Map.of("ce_id", "e1", "ce_type", "org.cartrial.x.Unknown.v1"))))
                .isInstanceOf(PoisonEvent.class);
        assertThatThrownBy(() -> reader.read(record("{not json", Map.of("ce_id", "e1",
                "ce_type", "org.cartrial.outcomes.DeathRecorded.v1")))).isInstanceOf(PoisonEvent.class);
        assertThatThrownBy(() -> reader.read(record("{}", Map.of()))).isInstanceOf(PoisonEvent.class);
    }

    /** The report's {@code details()} and {@code why()} give it the shape of later versions; they are not fields. */
    @Test
    void a_report_is_written_without_its_derived_shape_and_read_back_equal() throws Exception {
        AdverseEventReported reported = new AdverseEventReported("S01-1", "S01", LocalDate.of(2026, 2, 1),
                Instant.parse("2026-02-02T10:00:00Z"), "ae-1", "Pyrexia", 1, false, "possible", true, "1.0", null,
                "CTCAE-5.0", null, null, List.of(), false, "RECOVERING", null);
        String json = strict.writeValueAsString(reported);

        assertThat(json).doesNotContain("\"details\"").doesNotContain("\"why\"");
        ReceivedEvent read = reader.read(record(json, Map.of("ce_id", "e2",
                "ce_type", "org.cartrial.safety.AdverseEventReported.v1")));
        assertThat(read.payload()).isEqualTo(reported);
        assertThat(reported.details().grade()).isEqualTo(1);
    }
}
