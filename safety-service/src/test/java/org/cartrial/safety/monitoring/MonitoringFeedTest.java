package org.cartrial.safety.monitoring;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.cartrial.api.infusion.CarTInfused;
import org.cartrial.api.infusion.CarTInfusionCorrected;
import org.cartrial.api.infusion.CarTProduct;
import org.cartrial.safety.monitoring.domain.CorrectDay0;
import org.cartrial.safety.monitoring.domain.SafetyMonitor;
import org.cartrial.support.events.ReceivedEvent;
import org.junit.jupiter.api.Test;

/** The infusion topic's events as the safety monitor is told them. */
class MonitoringFeedTest {

    private static final Instant AT = Instant.parse("2026-11-20T09:00:00Z");

    private static CarTInfused infused(CarTProduct product, LocalDate on) {
        return new CarTInfused("S01-0001", "S01", on, AT, product, on.atTime(9, 0).toInstant(ZoneOffset.UTC),
                new BigDecimal("2.5"), new BigDecimal("24"), "LOT", "1.0");
    }

    private static ReceivedEvent corrected(String eventId, CarTProduct product, LocalDate on) {
        return new ReceivedEvent(eventId, "t", AT, "u", new CarTInfusionCorrected("S01-0001", "S01", on, AT, product,
                infused(product, on), List.of(), "pharmacy record", "inv-s01"));
    }

    @Test
    void a_corrected_cd19_infusion_tells_the_monitor_the_new_day_0_with_the_correction_id() {
        CommandGateway commands = mock(CommandGateway.class);
        new MonitoringFeed(commands).infusion(corrected("e2", CarTProduct.CD19, LocalDate.of(2026, 11, 18)));

        verify(commands).sendAndWait(new CorrectDay0(SafetyMonitor.ID, "S01-0001", "S01", LocalDate.of(2026, 11, 18),
                "e2"));
    }

    @Test
    void a_corrected_cd22_infusion_is_no_day_0() {
        CommandGateway commands = mock(CommandGateway.class);
        new MonitoringFeed(commands).infusion(corrected("e3", CarTProduct.CD22, LocalDate.of(2027, 1, 2)));

        verifyNoInteractions(commands);
    }
}
