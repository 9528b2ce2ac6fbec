package org.cartrial.infusion.readiness.domain;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A clinical readiness whose states a test sets. */
public final class FixedReadiness implements ClinicalReadiness {

    private final Map<String, ClinicalState> states = new HashMap<>();

    public FixedReadiness set(ClinicalState state) {
        states.put(state.subjectId(), state);
        return this;
    }

    public void clear() {
        states.clear();
    }

    @Override
    public Optional<ClinicalState> stateOf(String subjectId) {
        return Optional.ofNullable(states.get(subjectId));
    }
}
