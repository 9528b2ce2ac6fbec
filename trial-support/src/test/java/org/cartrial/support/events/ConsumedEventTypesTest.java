package org.cartrial.support.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.cartrial.api.EventCatalogue;
import org.cartrial.api.enrollment.PatientEnrolled;
import org.cartrial.api.enrollment.PatientScreened;
import org.cartrial.api.protocol.ProtocolAmended;
import org.cartrial.api.safety.AdverseEventCorrected;
import org.cartrial.api.safety.AdverseEventReported;
import org.cartrial.api.safety.AdverseEventVersion;
import org.junit.jupiter.api.Test;

class ConsumedEventTypesTest {

    @Test
    void a_binding_uses_its_types_and_their_subtypes_and_passes_on_what_it_cannot_judge() {
        ConsumedEventTypes types = ConsumedEventTypes.of("b-in-0", PatientEnrolled.class, AdverseEventVersion.class);

        assertThat(types.uses(EventCatalogue.typeOf(PatientEnrolled.class))).isTrue();
        assertThat(types.uses(EventCatalogue.typeOf(AdverseEventReported.class))).isTrue();
        assertThat(types.uses(EventCatalogue.typeOf(AdverseEventCorrected.class))).isTrue();
        assertThat(types.uses(EventCatalogue.typeOf(PatientScreened.class))).isFalse();
        assertThat(types.uses(EventCatalogue.typeOf(ProtocolAmended.class))).isFalse();
        // a record the reader must see to dead-letter it is never dropped here
        assertThat(types.uses(null)).isTrue();
        assertThat(types.uses("org.cartrial.enrollment.SomethingNobodyPublishes.v1")).isTrue();
        assertThat(types.unused()).contains(PatientScreened.class).doesNotContain(AdverseEventReported.class);
    }

    @Test
    void the_type_is_read_from_the_record_header_alone() {
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("trial.enrollment.events", 0, 7L, null,
                "not even json".getBytes(StandardCharsets.UTF_8));
        assertThat(UnusedEventFilter.ceType(record)).isNull();
        record.headers().add("ce_type", EventCatalogue.typeOf(PatientScreened.class).getBytes(StandardCharsets.UTF_8));
        assertThat(UnusedEventFilter.ceType(record)).isEqualTo(EventCatalogue.typeOf(PatientScreened.class));
    }
}
