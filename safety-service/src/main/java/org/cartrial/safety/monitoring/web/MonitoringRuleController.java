package org.cartrial.safety.monitoring.web;

import org.cartrial.safety.monitoring.query.MonitoringStatus;
import org.cartrial.safety.monitoring.query.MonitoringStatusQuery;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The safety monitoring rule's status and boundary table, for safety officers and administrators. */
@RestController
@RequestMapping("/api/safety/monitoring-rule")
class MonitoringRuleController {

    private final MonitoringStatusQuery query;

    MonitoringRuleController(MonitoringStatusQuery query) {
        this.query = query;
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('SAFETY_OFFICER', 'ADMIN')")
    MonitoringStatus status() {
        return query.status();
    }
}
