package org.cartrial.infusion.course.domain;

import java.util.List;
import java.util.stream.Collectors;

import org.cartrial.api.CommandRefused;
import org.cartrial.infusion.readiness.domain.GateAnswer;
import org.cartrial.infusion.readiness.domain.GateReason;

/** A CD22 infusion refused because the gate is closed, naming every reason (422 {@code cd22-gate-closed}). */
public class Cd22GateClosed extends CommandRefused {

    public static final String CODE = "cd22-gate-closed";

    private final transient GateAnswer answer;

    public Cd22GateClosed(GateAnswer answer) {
        super(Reason.RULE_BROKEN, CODE, "product", "CD22 CAR-T cannot be given: "
                + answer.reasons().stream().map(GateReason::message).collect(Collectors.joining(" ")));
        this.answer = answer;
    }

    public List<GateReason> reasons() {
        return answer.reasons();
    }

    public GateAnswer answer() {
        return answer;
    }
}
