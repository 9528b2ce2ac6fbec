package org.cartrial.enrollment.site.domain;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.cartrial.api.CommandRefused;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Given-when-then tests of a site's registration. */
class SiteTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    private AggregateTestFixture<Site> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Site.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void an_admin_registers_a_site_with_its_name_and_country() {
        fixture.givenNoPriorActivity()
                .when(new RegisterSite("S01", " Children's Hospital ", "CN"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new SiteRegistered("S01", "Children's Hospital", "CN", NOW));
    }

    @Test
    void the_country_is_optional() {
        fixture.givenNoPriorActivity()
                .when(new RegisterSite("S02", "Second Hospital", " "))
                .expectEvents(new SiteRegistered("S02", "Second Hospital", null, NOW));
    }

    @Test
    void a_site_is_registered_once() {
        fixture.given(new SiteRegistered("S01", "Children's Hospital", "CN", NOW))
                .when(new RegisterSite("S01", "Another name", null))
                .expectException(CommandRefused.class)
                .expectExceptionMessage("Site S01 is registered already.")
                .expectNoEvents();
    }

    @Test
    void a_site_without_a_name_is_refused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterSite("S03", "  ", null))
                .expectException(CommandRefused.class)
                .expectNoEvents();
    }

    @Test
    void a_site_stream_never_collides_with_a_subject_id() {
        org.assertj.core.api.Assertions.assertThat(new RegisterSite("S01", "x", null).streamId())
                .isEqualTo("site:S01").doesNotMatch("[A-Za-z0-9][A-Za-z0-9-]{0,39}");
    }
}
