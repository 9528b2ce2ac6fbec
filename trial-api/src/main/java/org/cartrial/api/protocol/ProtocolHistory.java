package org.cartrial.api.protocol;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The versions of the protocol in force over time: version 1.0, then each amendment from its date on. The one rule
 * every context applies to pick a version, whatever holds its amendments (enrollment's event store, the other
 * contexts' read models). Each version is completed by the version before it: an amendment recorded before a
 * setting was added takes that setting's value from the version it amends, and version 1.0 has every setting.
 */
public final class ProtocolHistory implements ProtocolVersions {

    /** As received (possibly lacking settings added later), ordered by the date they take effect. */
    private final List<ProtocolSettings> received = new ArrayList<>(List.of(ProtocolSettings.VERSION_1_0));
    private List<ProtocolSettings> completed = List.of(ProtocolSettings.VERSION_1_0);

    public static ProtocolHistory of(Collection<ProtocolSettings> amendments) {
        ProtocolHistory history = new ProtocolHistory();
        amendments.forEach(history::add);
        return history;
    }

    /** Adds a version (an amendment, or 1.0 itself again: a version already held is not added twice). */
    public void add(ProtocolSettings settings) {
        if (hasVersion(settings.version())) {
            return;
        }
        received.add(settings);
        received.sort(Comparator.comparing(ProtocolSettings::effectiveFrom));
        List<ProtocolSettings> complete = new ArrayList<>();
        ProtocolSettings previous = null;
        for (ProtocolSettings version : received) {
            previous = previous == null ? version.completedBy(ProtocolSettings.VERSION_1_0)
                    : version.completedBy(previous);
            complete.add(previous);
        }
        completed = List.copyOf(complete);
    }

    @Override
    public ProtocolSettings effectiveOn(LocalDate date) {
        ProtocolSettings effective = completed.get(0);
        for (ProtocolSettings version : completed) {
            if (!version.effectiveFrom().isAfter(date)) {
                effective = version;
            }
        }
        return effective;
    }

    @Override
    public List<ProtocolSettings> all() {
        return completed;
    }

    /** The latest version, complete: what an amendment that names only some settings changes. */
    public ProtocolSettings latest() {
        return completed.get(completed.size() - 1);
    }

    public boolean hasVersion(String version) {
        return received.stream().anyMatch(v -> v.version().equals(version));
    }

    public LocalDate latestEffectiveFrom() {
        return latest().effectiveFrom();
    }
}
