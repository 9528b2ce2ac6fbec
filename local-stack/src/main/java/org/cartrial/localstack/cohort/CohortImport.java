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

import org.cartrial.localstack.cohort.Step.Actor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code ./trial import-cohort FILE}: tells a cohort file to the running platform through the gateway's public
 * API, as its sites would (requests from {@link CohortRequests}), several patients at a time. Every request
 * carries an Idempotency-Key derived from the file, the row and the step, so a second run replays the first
 * answers and records nothing twice.
 * <p>
 * Eventual consistency is waited out, never forced: a treatment or an outcome (assessment, relapse, follow-up,
 * death) refused because the infusion or the outcomes service has not yet learnt the enrolment
 * ({@code not-enrolled}) is sent again after a short back-off; before a CD22 infusion the
 * subject's readiness is read until it lists the assessments and adverse events sent before it, so the CD22 gate
 * judges the cohort's own data. A closed gate is then overridden by the site's investigator with the reason
 * {@value CohortRequests#OVERRIDE_REASON}: the cohort says the infusion happened. Any other refusal is reported
 * with its problem and the import goes on with the next patient.
 */
public final class CohortImport {

    /** Mints the bearer token of an actor (for the site-bound roles, of one site). */
    public interface Tokens {
        String of(Actor actor, String siteId);
    }

    /** How an import runs: where the gateway is, how many patients at a time, how long to wait for read models. */
    public record Settings(URI gateway, int parallel, Duration readinessTimeout, int notYetAttempts) {

        public static Settings of(URI gateway, int parallel) {
            return new Settings(gateway, parallel, Duration.ofSeconds(30), 12);
        }
    }

    /** The answer to one request: 2xx (replayed or not), or refused with its problem. */
    record Answer(int status, boolean replayed, String code, JsonNode body, String text) {

        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    static final String GATE_CLOSED = "cd22-gate-closed";
    static final String ALREADY_INFUSED = "already-infused";
    static final String SITE_REGISTERED = "site-already-registered";

    private final Settings settings;
    private final Tokens tokens;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final ImportTally tally = new ImportTally();

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
        Answer answer = send(site);
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
        for (Step step : requests.subject(row)) {
            if (step.awaitReadiness() != null && !awaitReadiness(step)) {
                tally.readinessTimeouts.incrementAndGet();
            }
            Answer answer = send(step);
            if (answer.ok()) {
                check(row, step, answer);
                if (step.name().equals("cd22-infusion")) {
                    tally.cd22Infusions.incrementAndGet();
                }
                continue;
            }
            if (step.override() != null
                    && (GATE_CLOSED.equals(answer.code()) || ALREADY_INFUSED.equals(answer.code()))) {
                Answer overridden = send(step.override());
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
     * Reads the subject's readiness in the infusion service until it lists what was sent before the step (or the
     * time is up): the infusion service learns assessments and adverse events from Kafka, a moment later.
     */
    private boolean awaitReadiness(Step step) throws InterruptedException {
        long deadline = System.nanoTime() + settings.readinessTimeout().toNanos();
        String path = "/api/infusion/subjects/" + step.subjectId() + "/readiness";
        while (true) {
            HttpRequest request = HttpRequest.newBuilder(settings.gateway().resolve(path))
                    .header("Authorization", "Bearer " + tokens.of(Actor.SITE_COORDINATOR, step.siteId()))
                    .header("Accept", "application/json").timeout(Duration.ofSeconds(60)).GET().build();
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                tally.requests.incrementAndGet();
                tally.readinessReads.incrementAndGet();
                if (response.statusCode() == 200) {
                    JsonNode readiness = json.readTree(response.body());
                    if (ids(readiness.path("assessments"), "assessmentId")
                            .containsAll(step.awaitReadiness().assessmentIds())
                            && ids(readiness.path("adverseEvents"), "adverseEventId")
                                    .containsAll(step.awaitReadiness().adverseEventIds())) {
                        return true;
                    }
                } else if (response.statusCode() == 429) {
                    tally.throttled.incrementAndGet();
                    Thread.sleep(retryAfterMillis(response));
                    continue;
                }
            } catch (IOException e) {
                // the gateway or the service is briefly away: ask again below
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(200);
        }
    }

    private static Set<String> ids(JsonNode list, String field) {
        Set<String> ids = new HashSet<>();
        list.forEach(item -> ids.add(item.path(field).asText()));
        return ids;
    }

    /**
     * Sends one request, waiting out what only needs time: the gateway's request budget (429, Retry-After), a key
     * still held by an earlier attempt, a service briefly away, and the step's "not yet" codes.
     */
    Answer send(Step step) throws InterruptedException {
        int notYet = 0;
        int transientFailures = 0;
        while (true) {
            HttpRequest request = HttpRequest.newBuilder(settings.gateway().resolve(step.path()))
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
                if (++transientFailures > 5) {
                    return new Answer(0, false, "gateway-unreachable", null, String.valueOf(e));
                }
                tally.transientRetries.incrementAndGet();
                Thread.sleep(500L * transientFailures);
                continue;
            }
            tally.requests.incrementAndGet();
            int status = response.statusCode();
            JsonNode body = parse(response.body());
            if (status >= 200 && status < 300) {
                boolean replayed = "true".equalsIgnoreCase(
                        response.headers().firstValue("Idempotent-Replayed").orElse("false"));
                (replayed ? tally.replayed : tally.created).incrementAndGet();
                return new Answer(status, replayed, null, body, response.body());
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
            if (transientProblem && ++transientFailures <= 8) {
                tally.transientRetries.incrementAndGet();
                Thread.sleep(250L * transientFailures);
                continue;
            }
            if (step.retryWhile().contains(code) && ++notYet < settings.notYetAttempts()) {
                tally.notYetRetries.incrementAndGet();
                Thread.sleep(Math.min(2000L, 100L << Math.min(notYet, 5)));
                continue;
            }
            return new Answer(status, false, code, body, response.body());
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
