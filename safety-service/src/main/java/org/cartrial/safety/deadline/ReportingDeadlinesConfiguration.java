package org.cartrial.safety.deadline;

import java.time.Duration;

import javax.sql.DataSource;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.serialization.Serializer;
import org.cartrial.safety.adverseevent.domain.ReportingRules;
import org.cartrial.safety.deadline.query.DueDeadlinesProjection;
import org.cartrial.support.events.IdempotentProjection;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

import com.github.kagkarlsson.scheduler.Scheduler;

/**
 * The SAE/SUSAR reporting clocks' deadlines: Axon's {@link DbSchedulerDeadlineManager} on db-scheduler, whose table
 * ({@code scheduled_tasks}, migration V100) lives in the service's relational database next to the event store.
 * Why this one: it is Axon's own persistent deadline manager for a JDBC setup (Quartz needs its own dozen tables
 * and JobRunr its own storage); a deadline is written in the transaction that stores the event setting its clock,
 * so a clock can neither start without its deadlines nor the other way round, and it survives restarts. The
 * deadlines run in the AdverseEvent aggregate ({@code @DeadlineHandler}), which raises SafetyDeadlineApproaching and
 * SafetyDeadlineMissed as its own events.
 */
@Configuration(proxyBeanMethods = false)
class ReportingDeadlinesConfiguration {

    /**
     * The regulator's windows (ICH E2A: 7 days fatal or life-threatening, 15 otherwise) and the warning leads. The
     * sponsor window is a protocol setting ({@code saeReportHours}): the aggregate takes it from the protocol version
     * in force. {@code trial.safety.reporting.sponsor-window}, when set, fixes it instead: only for tests and
     * demonstrations that need a clock of seconds, never in a trial.
     */
    @Bean
    ReportingRules reportingRules(
            @Value("${trial.safety.reporting.sponsor-window:#{null}}") Duration fixedSponsorWindow,
            @Value("${trial.safety.reporting.regulator-fatal-window:P7D}") Duration regulatorFatalWindow,
            @Value("${trial.safety.reporting.regulator-other-window:P15D}") Duration regulatorOtherWindow,
            @Value("${trial.safety.reporting.sponsor-warning-lead:PT4H}") Duration sponsorWarningLead,
            @Value("${trial.safety.reporting.regulator-warning-lead:P2D}") Duration regulatorWarningLead) {
        return new ReportingRules(fixedSponsorWindow != null ? fixedSponsorWindow
                : ReportingRules.protocolDefaults().sponsorWindow(), regulatorFatalWindow, regulatorOtherWindow,
                sponsorWarningLead, regulatorWarningLead, fixedSponsorWindow != null);
    }

    @Bean
    DueDeadlinesProjection dueDeadlinesProjection(IdempotentProjection projection, MongoTemplate mongo) {
        return new DueDeadlinesProjection(projection, mongo);
    }

    @Bean
    ReportingClockMeters reportingClockMeters(MongoTemplate mongo) {
        return new ReportingClockMeters(mongo);
    }

    @Bean
    DeadlineWorker.DeadlineSettings deadlineSettings(
            @Value("${trial.safety.deadlines.threads:2}") int threads,
            @Value("${trial.safety.deadlines.polling-interval:PT5S}") Duration pollingInterval,
            @Value("${trial.safety.deadlines.heartbeat-interval:PT30S}") Duration heartbeatInterval) {
        return new DeadlineWorker.DeadlineSettings(threads, pollingInterval, heartbeatInterval);
    }

    @Bean
    DeadlineWorker deadlineWorker(DataSource dataSource, ApplicationContext context,
            DeadlineWorker.DeadlineSettings settings) {
        return new DeadlineWorker(dataSource, () -> context.getBean(DbSchedulerDeadlineManager.class), settings);
    }

    /**
     * Schedules through a scheduler client that is never started (the {@link DeadlineWorker} runs the deadlines) and
     * whose connections join the Spring transaction of the unit of work, so the deadline rows commit or roll back
     * with the events.
     */
    @Bean
    DbSchedulerDeadlineManager deadlineManager(DataSource dataSource, ApplicationContext context,
            org.axonframework.config.Configuration axonConfiguration, Serializer serializer,
            TransactionManager transactionManager) {
        Scheduler client = Scheduler.create(new TransactionAwareDataSourceProxy(dataSource),
                DeadlineWorker.tasks(() -> context.getBean(DbSchedulerDeadlineManager.class))).build();
        return DbSchedulerDeadlineManager.builder()
                .scheduler(client)
                .scopeAwareProvider(new ConfigurationScopeAwareProvider(axonConfiguration))
                .serializer(serializer)
                .transactionManager(transactionManager)
                .startScheduler(false)
                .stopScheduler(false)
                .build();
    }
}
