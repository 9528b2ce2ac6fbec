package org.cartrial.infusion.course.domain;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A request to give CD22 CAR-T although the gate is closed: the reason, and the caller who approves it with the
 * roles the caller holds (as the token names them). Only an investigator or an administrator may approve.
 */
public record Cd22Override(String reason, String approvedBy, Set<String> approverRoles) {

    /** The roles that may approve an override, in the order the recorded role is chosen. */
    public static final List<String> APPROVING_ROLES = List.of("investigator", "admin");

    public Cd22Override {
        approverRoles = Set.copyOf(approverRoles);
    }

    /** The role that allows the approver to approve, if any. */
    public Optional<String> approvingRole() {
        return APPROVING_ROLES.stream().filter(approverRoles::contains).findFirst();
    }
}
