package org.cartrial.safety.deadline;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.axonframework.deadline.dbscheduler.DbSchedulerBinaryDeadlineDetails;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.Task;

/**
 * Runs the reporting deadlines that fall due: a db-scheduler {@link Scheduler} polling the {@code scheduled_tasks}
 * table, started once the application is ready (every aggregate registered) and stopped when it closes. It keeps
 * nothing in memory that the table does not hold, so {@link #stop()} then {@link #start()} is what a restart of the
 * service does to the clocks; several instances share the table and each due deadline runs on one of them.
 * Scheduling (and cancelling) is done by the deadline manager through a separate scheduler client that joins the
 * transaction of the command storing the event that set the clock.
 */
public class DeadlineWorker implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DeadlineWorker.class);

    private final DataSource dataSource;
    private final Supplier<DbSchedulerDeadlineManager> deadlineManager;
    private final DeadlineSettings settings;
    private Scheduler running;

    public DeadlineWorker(DataSource dataSource, Supplier<DbSchedulerDeadlineManager> deadlineManager,
            DeadlineSettings settings) {
        this.dataSource = dataSource;
        this.deadlineManager = deadlineManager;
        this.settings = settings;
    }

    /** The task that hands a due deadline to the deadline manager, which runs it in its aggregate. */
    static List<Task<?>> tasks(Supplier<DbSchedulerDeadlineManager> deadlineManager) {
        Task<DbSchedulerBinaryDeadlineDetails> task = DbSchedulerDeadlineManager.binaryTask(deadlineManager);
        return List.of(task);
    }

    @EventListener(ApplicationReadyEvent.class)
    public synchronized void start() {
        if (running != null) {
            return;
        }
        running = Scheduler.create(dataSource, tasks(deadlineManager))
                .threads(settings.threads())
                .pollingInterval(settings.pollingInterval())
                .heartbeatInterval(settings.heartbeatInterval())
                .shutdownMaxWait(Duration.ofSeconds(5))
                .build();
        running.start();
        log.info("reporting deadlines: polling every {} with {} threads", settings.pollingInterval(),
                settings.threads());
    }

    @EventListener(ContextClosedEvent.class)
    public synchronized void stop() {
        if (running != null) {
            running.stop();
            running = null;
        }
    }

    public synchronized boolean isRunning() {
        return running != null;
    }

    @Override
    public void destroy() {
        stop();
    }

    /**
     * How the worker polls: {@code pollingInterval} bounds how late a deadline event can be raised;
     * {@code heartbeatInterval} how soon a deadline picked by an instance that died is run again (after four
     * missed heartbeats).
     */
    public record DeadlineSettings(int threads, Duration pollingInterval, Duration heartbeatInterval) {
    }
}
