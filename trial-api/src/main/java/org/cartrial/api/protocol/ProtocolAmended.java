package org.cartrial.api.protocol;

import java.time.Instant;
import java.time.LocalDate;

import org.cartrial.api.PublishedEvent;
import org.cartrial.api.TrialContext;
import org.cartrial.api.TrialEvent;

/**
 * An administrator added a version of the protocol (enrollment owns the amendments): the version's full settings,
 * effective from {@code settings.effectiveFrom()} on, and the reason. Every context keeps the versions it received
 * and decides with the one in force on a decision's clinical date; version 1.0 ({@link ProtocolSettings#VERSION_1_0})
 * holds before any amendment arrives.
 * <p>
 * The event concerns no subject: its {@link #subjectId()} is the protocol's id, so every amendment travels on one
 * partition of the enrollment topic, in order; it has no site. Its clinical date is the date it takes effect. An
 * amendment recorded before a setting existed lacks it and takes it from the version before (see
 * {@link ProtocolHistory}).
 */
@PublishedEvent(context = TrialContext.ENROLLMENT)
public record ProtocolAmended(ProtocolSettings settings, String reason, Instant recordedAt) implements TrialEvent {

    @Override
    public String subjectId() {
        return ProtocolSettings.PROTOCOL_ID;
    }

    @Override
    public String siteId() {
        return null;
    }

    @Override
    public LocalDate occurredOn() {
        return settings.effectiveFrom();
    }
}
