package org.cartrial.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import org.cartrial.api.enrollment.PatientScreened;
import org.junit.jupiter.api.Test;

class EventCatalogueTest {

    @Test
    void every_published_event_is_a_record_with_a_round_tripping_type_name() {
        for (Class<? extends TrialEvent> event : EventCatalogue.EVENTS) {
            assertThat(event.isRecord()).as(event.getSimpleName()).isTrue();
            assertThat(EventCatalogue.classOf(EventCatalogue.typeOf(event))).contains(event);
        }
        assertThat(EventCatalogue.typeOf(PatientScreened.class)).isEqualTo("org.cartrial.enrollment.PatientScreened.v1");
    }

    @Test
    void no_event_holds_a_name_or_a_date_of_birth() {
        Set<String> forbidden = Set.of("name", "firstname", "lastname", "surname", "birthdate", "dateofbirth", "dob");
        for (Class<? extends TrialEvent> event : EventCatalogue.EVENTS) {
            Set<String> fields = Arrays.stream(event.getRecordComponents()).map(RecordComponent::getName)
                    .map(String::toLowerCase).collect(Collectors.toSet());
            assertThat(fields).as(event.getSimpleName()).doesNotContainAnyElementsOf(forbidden);
        }
    }
}
