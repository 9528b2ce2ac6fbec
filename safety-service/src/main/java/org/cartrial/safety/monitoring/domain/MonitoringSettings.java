package org.cartrial.safety.monitoring.domain;

import java.util.Objects;

import org.cartrial.api.protocol.ProtocolSettings;

/**
 * The settings of the safety monitoring rule (protocol section 3): signal when the posterior probability, under a
 * Beta({@code priorAlpha}, {@code priorBeta}) prior, that the severe-toxicity rate exceeds
 * {@code toxicityRateThreshold} is above {@code probabilityThreshold}. {@code boundaryTableSize} is how many infused
 * subjects the published boundary table covers. {@code version} is the protocol version they belong to: the rule's
 * settings are protocol settings, amended in enrollment like every other ({@link #of}).
 */
public record MonitoringSettings(
        String version,
        double priorAlpha,
        double priorBeta,
        double toxicityRateThreshold,
        double probabilityThreshold,
        int boundaryTableSize) {

    /** The protocol's default: Beta(1,1) prior, signal when P(rate > 0.20 | data) > 0.90. */
    public static final MonitoringSettings VERSION_1_0 = of(ProtocolSettings.VERSION_1_0);

    /** The monitoring rule's settings of a (complete) protocol version. */
    public static MonitoringSettings of(ProtocolSettings protocol) {
        return new MonitoringSettings(protocol.version(), protocol.monitoringPriorAlpha().doubleValue(),
                protocol.monitoringPriorBeta().doubleValue(), protocol.monitoringToxicityRateAbove().doubleValue(),
                protocol.monitoringProbabilityAbove().doubleValue(), protocol.monitoringBoundaryTableSize());
    }

    public MonitoringSettings {
        Objects.requireNonNull(version, "version");
        if (!(priorAlpha > 0) || !(priorBeta > 0)) {
            throw new IllegalArgumentException("the Beta prior needs positive parameters");
        }
        if (!(toxicityRateThreshold > 0 && toxicityRateThreshold < 1)) {
            throw new IllegalArgumentException("the toxicity rate threshold lies strictly between 0 and 1");
        }
        if (!(probabilityThreshold > 0 && probabilityThreshold < 1)) {
            throw new IllegalArgumentException("the probability threshold lies strictly between 0 and 1");
        }
        if (boundaryTableSize < 1) {
            throw new IllegalArgumentException("the boundary table covers at least one infused subject");
        }
    }
}
