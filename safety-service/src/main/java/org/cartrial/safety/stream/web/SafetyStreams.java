package org.cartrial.safety.stream.web;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.cartrial.safety.stream.query.StreamEntry;
import org.cartrial.safety.stream.query.StreamFilter;
import org.cartrial.safety.stream.query.StreamLog;
import org.cartrial.support.audit.SubjectReadLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The open safety streams of this instance. Each stream is a cursor over the {@link StreamLog}: one loop reads the
 * entries after the cursor in sequence order, sends those its filter accepts and moves the cursor, so catch-up after
 * a reconnect and live delivery are the same walk and nothing falls between them. The loop runs when the log
 * changes in this process, and at every tick ({@code pollInterval}) for entries another instance wrote; it never
 * holds a servlet thread (the response is asynchronous) and runs on a small shared pool, one run per stream at a
 * time. Idle streams get a {@code :hb} comment every {@code heartbeat}, which is also how a client that went away is
 * noticed (the write fails and the stream is released). A stream ends after {@code maxDuration} or when the
 * caller's token expires, whichever is first; the client reconnects with {@code Last-Event-ID}. At most
 * {@code maxStreams} streams are open at once per instance.
 */
public class SafetyStreams implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SafetyStreams.class);

    /** How the streams behave; see the class comment. */
    public record Settings(Duration heartbeat, Duration pollInterval, Duration gapWait, Duration maxDuration,
            Duration reconnectDelay, int maxStreams, int batchSize, int senderThreads) {
    }

    /** Too many streams are open on this instance. */
    public static class CapacityExceeded extends RuntimeException {
        CapacityExceeded(int max) {
            super("All " + max + " safety streams of this instance are in use; retry shortly.");
        }
    }

    private final StreamLog streamLog;
    private final SubjectReadLog readLog;
    private final ObjectMapper json;
    private final Clock clock;
    private final Settings settings;
    private final Set<Subscription> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger streams = new AtomicInteger();
    private final ScheduledExecutorService ticker;
    private final ExecutorService senders;

    public SafetyStreams(StreamLog streamLog, SubjectReadLog readLog, ObjectMapper json, Clock clock,
            Settings settings) {
        this.streamLog = streamLog;
        this.readLog = readLog;
        this.json = json;
        this.clock = clock;
        this.settings = settings;
        this.ticker = Executors.newSingleThreadScheduledExecutor(daemon("safety-stream-tick"));
        this.senders = Executors.newFixedThreadPool(settings.senderThreads(), daemon("safety-stream-send"));
        long tick = settings.pollInterval().toMillis();
        ticker.scheduleWithFixedDelay(this::wakeAll, tick, tick, TimeUnit.MILLISECONDS);
        streamLog.onAppend(this::wakeAll);
    }

    public Settings settings() {
        return settings;
    }

    /** The number of streams open on this instance. */
    public int openStreams() {
        return streams.get();
    }

    /**
     * Opens a stream that sends the entries after {@code cursor} that {@code filter} accepts, for {@code caller}
     * (whose reads of subjects are logged), for at most {@code lifetime}.
     */
    public SseEmitter open(StreamFilter filter, long cursor, Duration lifetime, Authentication caller) {
        if (streams.incrementAndGet() > settings.maxStreams()) {
            streams.decrementAndGet();
            throw new CapacityExceeded(settings.maxStreams());
        }
        Duration duration = lifetime.compareTo(settings.maxDuration()) < 0 ? lifetime : settings.maxDuration();
        SseEmitter emitter = new SseEmitter(Math.max(1, duration.toMillis()));
        Subscription subscription = new Subscription(emitter, filter, cursor, caller);
        emitter.onCompletion(subscription::release);
        emitter.onError(e -> subscription.release());
        emitter.onTimeout(() -> {
            subscription.release();
            emitter.complete();
        });
        open.add(subscription);
        try {
            ObjectNode ready = json.createObjectNode().put("resumeAfter", cursor)
                    .put("heartbeatSeconds", settings.heartbeat().toSeconds());
            emitter.send(SseEmitter.event().reconnectTime(settings.reconnectDelay().toMillis()).name("ready")
                    .id(Long.toString(cursor)).data(json.writeValueAsString(ready), MediaType.APPLICATION_JSON));
            subscription.lastWrite = clock.millis();
        } catch (IOException e) {
            subscription.release();
            throw new IllegalStateException("could not start the stream", e);
        }
        subscription.wake();
        return emitter;
    }

    private void wakeAll() {
        for (Subscription subscription : open) {
            subscription.wake();
        }
    }

    @Override
    public void destroy() {
        ticker.shutdownNow();
        for (Subscription subscription : List.copyOf(open)) {
            subscription.close(null);
        }
        senders.shutdownNow();
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** One open stream: its cursor, and a run-at-most-once-at-a-time loop over the log. */
    private final class Subscription {

        private final SseEmitter emitter;
        private final StreamFilter filter;
        private final Authentication caller;
        private final AtomicInteger wakeups = new AtomicInteger();
        private final AtomicBoolean released = new AtomicBoolean();
        private volatile long cursor;
        private volatile long lastWrite;

        Subscription(SseEmitter emitter, StreamFilter filter, long cursor, Authentication caller) {
            this.emitter = emitter;
            this.filter = filter;
            this.cursor = cursor;
            this.caller = caller;
        }

        /** Asks for a run of the loop; a wake-up during a run makes it run once more, none is lost. */
        void wake() {
            if (released.get() || wakeups.getAndIncrement() != 0) {
                return;
            }
            try {
                senders.execute(this::drain);
            } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
                wakeups.set(0);
            }
        }

        private void drain() {
            int missed = 1;
            do {
                runOnce();
                missed = wakeups.addAndGet(-missed);
            } while (missed != 0);
        }

        private void runOnce() {
            if (released.get()) {
                return;
            }
            try {
                List<StreamEntry> batch;
                do {
                    batch = streamLog.readAfter(cursor, settings.batchSize(), settings.gapWait());
                    for (StreamEntry entry : batch) {
                        if (filter.accepts(entry)) {
                            send(entry);
                        }
                        cursor = entry.sequence();
                    }
                } while (batch.size() == settings.batchSize() && !released.get());
                if (clock.millis() - lastWrite >= settings.heartbeat().toMillis()) {
                    emitter.send(SseEmitter.event().comment("hb"));
                    lastWrite = clock.millis();
                }
            } catch (IOException | IllegalStateException clientGone) {
                close(clientGone);
            } catch (RuntimeException storeTrouble) {
                // the log or the read log could not be read or written: the cursor stays, the next tick retries
                log.warn("safety stream paused at {}: {}", cursor, storeTrouble.toString());
            }
        }

        private void send(StreamEntry entry) throws IOException {
            recordRead(entry);
            ObjectNode data = json.createObjectNode()
                    .put("sequence", entry.sequence())
                    .put("kind", entry.kind().code())
                    .put("type", entry.type())
                    .put("eventId", entry.eventId())
                    .put("siteId", entry.siteId())
                    .put("subjectId", entry.subjectId())
                    .put("adverseEventId", entry.adverseEventId())
                    .put("grade", entry.grade())
                    .put("serious", entry.serious())
                    .put("recordedAt", entry.recordedAt());
            data.set("event", json.readTree(entry.eventJson()));
            emitter.send(SseEmitter.event().id(Long.toString(entry.sequence())).name(entry.kind().code())
                    .data(json.writeValueAsString(data), MediaType.APPLICATION_JSON));
            lastWrite = clock.millis();
        }

        /** Who saw which subject's safety data is logged like any other subject-level read. */
        private void recordRead(StreamEntry entry) {
            if (entry.subjectId() == null) {
                return;
            }
            var context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(caller);
            SecurityContextHolder.setContext(context);
            try {
                readLog.record(entry.subjectId(), entry.siteId(), "safety stream " + entry.kind().code() + " "
                        + (entry.adverseEventId() != null ? entry.adverseEventId() : entry.eventId()));
            } finally {
                SecurityContextHolder.clearContext();
            }
        }

        void close(Exception cause) {
            release();
            try {
                if (cause == null) {
                    emitter.complete();
                } else {
                    emitter.completeWithError(cause);
                }
            } catch (RuntimeException alreadyDone) {
                // the container completed it already
            }
        }

        void release() {
            if (released.compareAndSet(false, true)) {
                open.remove(this);
                streams.decrementAndGet();
            }
        }
    }
}
