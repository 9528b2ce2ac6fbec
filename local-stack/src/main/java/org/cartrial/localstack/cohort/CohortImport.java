package org.cartrial.localstack.cohort;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.cartrial.api.consistency.ConsistencyToken;
import org.cartrial.localstack.cohort.Step.Actor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code ./trial import-cohort FILE}: tells a cohort file to the running platform through the gateway's public
 * API, as its sites would (requests from {@link CohortRequests}), several patients at a time. Every request
 * carries an Idempotency-Key derived from the file, the row and the step, so a second run replays the first
 * answers and records nothing twice.
 * <p>
 * Each patient's requests carry the consistency token ({@code Trial-Consistency}) of the patient's previous
 * answer, so a service that learns a fact from another context (the infusion service the enrolment, the CD22 gate
 * the assessments and adverse events) serves the request only once it has learnt every fact sent before it: no
 * request is sent again because an event was still travelling. A closed gate is overridden by the site's
 * investigator with the reason
 * {@value CohortRequests#OVERRIDE_REASON}: the cohort says the infusion happened. Any other refusal is reported
 * with its problem and the import goes on with the next patient.
 */
public final class CohortImport {

    /** Mints the bearer token of an actor (for the site-bound roles, of one site). */
    public interface Tokens {
        String of(Actor actor, String siteId);
    }

    /**
     * How an import runs: where the gateway is, how many patients at a time, and how long one request waits out a
     * service that is away (502/503/504 or a refused connection while the launcher restarts it).
     */
    public record Settings(URI gateway, int parallel, Duration outageWait) {

        /** A supervised service is back within a minute even after a few crashes: 90 s covers its back-off. */
        static final Duration OUTAGE_WAIT = Duration.ofSeconds(90);

        public static Settings of(URI gateway, int parallel) {
            return new Settings(gateway, parallel, OUTAGE_WAIT);
        }

        public Settings withOutageWait(Duration outageWait) {
            return new Settings(gateway, parallel, outageWait);
        }
    }

    /** The answer to one request: 2xx (replayed or not), or refused with its problem. */
    record Answer(int status, boolean replayed, String code, JsonNode body, String text, String consistency) {

        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    static final String GATE_CLOSED = "cd22-gate-closed";
    static final String ALREADY_INFUSED = "already-infused";
    static final String SITE_REGISTERED = "site-already-registered";
    static final String CONSISTENCY_HEADER = ConsistencyToken.HEADER;

    private final Settings settings;
    private final Tokens tokens;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final ImportTally tally = new ImportTally();
    /** Once the gateway has answered, a refused connection means a restart, not a platform that is not running. */
    private volatile boolean gatewayAnswered;

    public CohortImport(Settings settings, Tokens tokens) {
        this.settings = settings;
        this.tokens = tokens;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** Imports the file; returns 0 when every patient went through, 1 when something was refused. */
    public int run(CohortFile file, CohortRequests requests, PrintStream out, PrintStream err)
            throws InterruptedException {
        long started = System.nanoTime();
        Progress progress = new Progress(file.rows().size(), err, started);
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "import-progress");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleAtFixedRate(progress::show, 0, progress.interactive ? 250 : 10_000, TimeUnit.MILLISECONDS);
        String abort = null;
        try {
            for (Step site : requests.siteRegistrations(file.rows())) {
                Answer answer = registerSite(site);
                if (answer.status() == 0) {
                    abort = "the gateway at " + settings.gateway() + " does not answer (" + answer.text()
                            + "): is the platform running? (./trial status)";
                } else if (answer.status() == 401) {
                    abort = "the gateway refused the import's tokens (401): is the platform running on this data"
                            + " folder (TRIAL_DATA_DIR)? " + answer.text();
                }
                if (abort != null) {
                    break;
                }
            }
            if (abort == null) {
                ExecutorService workers = Executors.newFixedThreadPool(Math.max(1, settings.parallel()));
                for (CohortRow row : file.rows()) {
                    workers.submit(() -> {
                        try {
                            importPatient(row, requests);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        } catch (RuntimeException e) {
                            tally.refused(new ImportTally.Refusal(row.line(), row.patientId(), null, "(import)", 0,
                                    "import-failure", String.valueOf(e)));
                        } finally {
                            tally.subjectsDone.incrementAndGet();
                        }
                    });
                }
                workers.shutdown();
                workers.awaitTermination(365, TimeUnit.DAYS);
            }
        } finally {
            ticker.shutdownNow();
            progress.show();
            progress.finish();
        }
        if (abort != null) {
            err.println("import-cohort: " + abort);
            return 1;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        new ImportSummary(file, requests, settings.gateway(), tally, took).print(out);
        return tally.refusals().isEmpty() && tally.subjectsComplete.get() == file.rows().size() ? 0 : 1;
    }

    private Answer registerSite(Step site) throws InterruptedException {
        Answer answer = send(site, null);
        if (answer.ok()) {
            (answer.replayed() ? tally.sitesReplayed : tally.sitesCreated).incrementAndGet();
        } else if (SITE_REGISTERED.equals(answer.code())) {
            tally.sitesExisting.incrementAndGet();
        } else {
            tally.refused(new ImportTally.Refusal(0, null, null, "register-site " + site.siteId(), answer.status(),
                    answer.code(), answer.text()));
        }
        return answer;
    }

    private void importPatient(CohortRow row, CohortRequests requests) throws InterruptedException {
        String consistency = null;
        for (Step step : requests.subject(row)) {
            Answer answer = send(step, consistency);
            consistency = answer.consistency() != null ? answer.consistency() : consistency;
            if (answer.ok()) {
                check(row, step, answer);
                if (step.name().equals("cd22-infusion")) {
                    tally.cd22Infusions.incrementAndGet();
                }
                continue;
            }
            if (step.override() != null
                    && (GATE_CLOSED.equals(answer.code()) || ALREADY_INFUSED.equals(answer.code()))) {
                Answer overridden = send(step.override(), consistency);
                consistency = overridden.consistency() != null ? overridden.consistency() : consistency;
                if (overridden.ok()) {
                    tally.cd22Infusions.incrementAndGet();
                    if (GATE_CLOSED.equals(answer.code())) {
                        tally.gateClosed(gateReasons(answer.body()));
                    } else if (overridden.replayed()) {
                        // a re-run: an earlier run overrode the closed gate, and this replays its answer
                        tally.cd22OverridesReplayed.incrementAndGet();
                    }
                    continue;
                }
                answer = overridden;
                step = step.override();
            }
            tally.refused(new ImportTally.Refusal(row.line(), row.patientId(), step.subjectId(), step.name(),
                    answer.status(), answer.code(), answer.text()));
            return;
        }
        tally.subjectsComplete.incrementAndGet();
    }

    private static List<String> gateReasons(JsonNode problem) {
        List<String> reasons = new ArrayList<>();
        if (problem != null) {
            problem.path("errors").forEach(e -> reasons.add(e.path("rule").asText("?")));
        }
        return reasons;
    }

    /** Compares the answer with what the cohort says (the derived response, the computed grade...). */
    private void check(CohortRow row, Step step, Answer answer) {
        for (Map.Entry<String, String> expected : step.expect().entrySet()) {
            JsonNode value = answer.body() == null ? null : answer.body().at(expected.getKey());
            String actual = value == null || value.isMissingNode() || value.isNull() ? null : value.asText();
            if (!Objects.equals(actual, expected.getValue())) {
                tally.mismatch(new ImportTally.Mismatch(row.line(), step.subjectId(), step.name(), expected.getKey(),
                        expected.getValue(), actual));
            }
        }
    }

    /**
     * Sends one request with the consistency token of what the patient's earlier answers stored (null: none yet),
     * waiting out what only needs time: the gateway's request budget (429, Retry-After), a key still held by an
     * earlier attempt, and a service that is away while it restarts (502/503/504, a refused or dropped connection),
     * with a growing pause, for up to {@link Settings#outageWait()}. Before the gateway has answered at all, a
     * refused connection more likely means the platform is not running, and the import gives up sooner.
     */
    Answer send(Step step, String consistency) throws InterruptedException {
        long giveUpAt = System.nanoTime() + settings.outageWait().toNanos();
        long pause = 250;
        int unreachable = 0;
        while (true) {
            HttpRequest.Builder builder = HttpRequest.newBuilder(settings.gateway().resolve(step.path()));
            if (consistency != null) {
                builder.header(CONSISTENCY_HEADER, consistency);
            }
            HttpRequest request = builder
                    .header("Authorization", "Bearer " + tokens.of(step.actor(), step.siteId()))
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json, application/problem+json")
                    .header("Idempotency-Key", step.idempotencyKey())
                    .timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofString(step.body().toString()))
                    .build();
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                boolean neverAnswered = !gatewayAnswered && ++unreachable > 5;
                if (neverAnswered || System.nanoTime() - giveUpAt > 0) {
                    return new Answer(0, false, "gateway-unreachable", null, String.valueOf(e), null);
                }
                tally.transientRetries.incrementAndGet();
                Thread.sleep(pause);
                pause = Math.min(pause * 2, 5_000);
                continue;
            }
            gatewayAnswered = true;
            tally.requests.incrementAndGet();
            int status = response.statusCode();
            JsonNode body = parse(response.body());
            if (status >= 200 && status < 300) {
                boolean replayed = "true".equalsIgnoreCase(
                        response.headers().firstValue("Idempotent-Replayed").orElse("false"));
                (replayed ? tally.replayed : tally.created).incrementAndGet();
                return new Answer(status, replayed, null, body, response.body(),
                        response.headers().firstValue(CONSISTENCY_HEADER).orElse(null));
            }
            String code = body == null ? null : body.path("code").asText(null);
            if (code == null) {
                code = "http-" + status;
            }
            if (status == 429) {
                tally.throttled.incrementAndGet();
                Thread.sleep(retryAfterMillis(response));
                continue;
            }
            boolean transientProblem = status == 502 || status == 503 || status == 504
                    || (status == 409 && "idempotency-key-in-use".equals(code));
            if (transientProblem && System.nanoTime() - giveUpAt < 0) {
                tally.transientRetries.incrementAndGet();
                Thread.sleep(pause);
                pause = Math.min(pause * 2, 5_000);
                continue;
            }
            return new Answer(status, false, code, body, response.body(), null);
        }
    }

    private JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return json.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }

    private static long retryAfterMillis(HttpResponse<?> response) {
        try {
            long seconds = Long.parseLong(response.headers().firstValue("Retry-After").orElse("1").strip());
            return Math.max(100, Math.min(30_000, seconds * 1000));
        } catch (NumberFormatException e) {
            return 1000;
        }
    }

    /** The progress bar on stderr: redrawn in place on a terminal, a line every 10 s otherwise. */
    private final class Progress {
        private final int subjects;
        private final PrintStream err;
        private final long started;
        private final boolean interactive = System.console() != null;

        Progress(int subjects, PrintStream err, long started) {
            this.subjects = subjects;
            this.err = err;
            this.started = started;
        }

        synchronized void show() {
            int done = tally.subjectsDone.get();
            long requests = tally.requests.get();
            double seconds = Math.max(0.001, (System.nanoTime() - started) / 1e9);
            int width = 30;
            int filled = subjects == 0 ? width : (int) ((long) done * width / subjects);
            String line = String.format(Locale.ROOT, "[%s%s] %d/%d subjects, %d requests, %.0f req/s",
                    "#".repeat(filled), ".".repeat(width - filled), done, subjects, requests, requests / seconds);
            if (interactive) {
                err.print("\r" + line);
            } else {
                err.println(line);
            }
            err.flush();
        }

        synchronized void finish() {
            if (interactive) {
                err.println();
            }
        }
    }
}
