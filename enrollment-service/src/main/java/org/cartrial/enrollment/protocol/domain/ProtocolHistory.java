package org.cartrial.enrollment.protocol.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The versions of the protocol in force over time: version 1.0, then each amendment from its date on. */
public final class ProtocolHistory implements ProtocolVersions {

    private final List<ProtocolSettings> versions = new ArrayList<>(List.of(ProtocolSettings.VERSION_1_0));

    public static ProtocolHistory of(List<ProtocolSettings> amendments) {
        ProtocolHistory history = new ProtocolHistory();
        amendments.forEach(history::add);
        return history;
    }

    void add(ProtocolSettings settings) {
        versions.add(settings);
        versions.sort(Comparator.comparing(ProtocolSettings::effectiveFrom));
    }

    @Override
    public ProtocolSettings effectiveOn(LocalDate date) {
        ProtocolSettings effective = versions.get(0);
        for (ProtocolSettings version : versions) {
            if (!version.effectiveFrom().isAfter(date)) {
                effective = version;
            }
        }
        return effective;
    }

    @Override
    public List<ProtocolSettings> all() {
        return List.copyOf(versions);
    }

    boolean hasVersion(String version) {
        return versions.stream().anyMatch(v -> v.version().equals(version));
    }

    LocalDate latestEffectiveFrom() {
        return versions.get(versions.size() - 1).effectiveFrom();
    }
}
