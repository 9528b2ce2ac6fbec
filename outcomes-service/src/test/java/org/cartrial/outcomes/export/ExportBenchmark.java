package org.cartrial.outcomes.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.zip.ZipOutputStream;

import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;

import org.bson.Document;
import org.cartrial.api.TrialEvent;
import org.cartrial.api.enrollment.PatientEnrolled;
import org.cartrial.api.enrollment.PatientWithdrawn;
import org.cartrial.api.infusion.CarTInfused;
import org.cartrial.api.infusion.CarTProduct;
import org.cartrial.api.outcomes.DeathRecorded;
import org.cartrial.api.outcomes.FollowUpRecorded;
import org.cartrial.api.outcomes.RelapseDetected;
import org.cartrial.api.outcomes.ResponseAssessed;
import org.cartrial.api.safety.AdverseEventDetails;
import org.cartrial.api.safety.AdverseEventReported;
import org.cartrial.api.safety.AdverseEventUpdated;
import org.cartrial.api.safety.AdverseEventVersion;
import org.cartrial.api.safety.ToxicitySurveillanceCompleted;
import org.cartrial.outcomes.analysis.benchmark.SyntheticCohort;
import org.cartrial.outcomes.analysis.domain.SubjectCourse;
import org.cartrial.outcomes.analysis.query.ReferenceCohortThroughEventsTest;
import org.cartrial.outcomes.analysis.query.SubjectCourseProjection;
import org.cartrial.outcomes.export.domain.ExportCut;
import org.cartrial.outcomes.export.domain.Manifest;
import org.cartrial.outcomes.export.domain.SubjectAudit;
import org.cartrial.outcomes.export.format.ExportPackage;
import org.cartrial.outcomes.export.format.FhirBundle;
import org.cartrial.outcomes.export.format.OdmAuditTrail;
import org.cartrial.outcomes.export.query.AuditTrailProjection;
import org.cartrial.outcomes.export.query.TrialExport;
import org.cartrial.support.events.EventPosition;
import org.cartrial.support.events.IdempotentProjection;
import org.cartrial.support.events.ReceivedEvent;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.sun.management.GarbageCollectionNotificationInfo;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * A benchmark, not a test (its name keeps it out of the default test run): seconds (wall and CPU) and heap of the
 * export of a synthetic trial of N subjects (default 100,000, {@link SyntheticCohort}, seeded), in one fresh JVM:
 * (a) every dataset in both formats with its manifest as the ZIP that {@code GET /api/outcomes/exports} streams, and
 * the same files into a folder (what {@code ./trial export --out DIR} leaves), (b) the FHIR R4 Bundle
 * ({@code /exports/fhir}), (c) the ODM audit trail of every subject ({@code /exports/audit-trail}). Each step is
 * measured after a warm-up run of all of them, with the heap pools' peaks reset and a full GC before it. Run it with
 * {@code benchmarks/export.sh [subjects]} (XMX=512m to try a small heap); the table goes to stdout and to
 * {@code outcomes-service/target/benchmarks/export-<size>[-<tag>].txt}. No timing is asserted (the machine is shared);
 * the row counts of DM, ADSL and AE are.
 * <p>
 * <b>How the read models are filled.</b> Each subject's course is turned into the events the services publish
 * ({@link ReferenceCohortThroughEventsTest#eventsOf}, with CRS/ICANS adverse events reported at their maximum grade,
 * serious with hospitalisation from grade 3, and from grade 2 a follow-up that records the resolution, so AE and the
 * ODM audit trail have changes with old values). Feeding all of them through {@link SubjectCourseProjection#apply} and
 * {@link AuditTrailProjection#apply} costs two MongoDB round trips per event per projection (the de-duplicating
 * look-up, then the upsert): the benchmark times that on a sample and prints the rate (130-490 events per second on
 * this shared 2-core machine, so 35 minutes to two hours for the ~1 million events of 100,000 subjects). So the whole trial is instead
 * bulk-inserted as documents built from the same events in exactly the shape the projections write them
 * ({@link #courseDocument}, {@link #auditDocument}: facts as {@code {on, at, p, o}}, repeated facts keyed by their id,
 * every adverse-event version under its event id, the applied event ids). That the shape is the projections' own is
 * checked every run: a sample of subjects is loaded both ways and its export must be byte-identical.
 * <p>
 * <b>Where MongoDB runs.</b> The embedded MongoDB-wire server (mongo-java-server, memory backend) keeps every
 * document on its own heap; in the benchmark JVM it would count as export memory. It runs in a child JVM instead, as
 * a real MongoDB would run beside the service, and its CPU seconds are reported apart.
 * <p>
 * <b>Heap.</b> For each step: the heap in use after a full GC before it (what the JVM retains, e.g. the read model's
 * in-process mirror), the highest sum of the heap pools' peak usage (MemoryPoolMXBean, reset before the step:
 * includes garbage not yet collected) and the highest heap in use after any GC during the step (GC notifications: the
 * live set's high-water mark, the figure that shows whether memory is bounded). {@code -Dbenchmark.histogram=true}
 * (HISTOGRAM=true) also samples a class histogram (the DiagnosticCommand MBean, as {@code jcmd <pid>
 * GC.class_histogram}) every few seconds during each step of the warm-up and keeps the largest, in
 * {@code export-<size>-histogram.txt}: the warm-up's times are perturbed by the histograms' full GCs, the measured
 * steps' are not.
 */
class ExportBenchmark {

    private static final int SUBJECTS = Integer.getInteger("benchmark.subjects", 100_000);
    private static final long SEED = Long.getLong("benchmark.seed", 20231231L);
    /** Subjects loaded both through the projections and in bulk, whose exports must be the same bytes. */
    private static final int SAMPLE = Integer.getInteger("benchmark.sample", 200);
    private static final String TAG = System.getProperty("benchmark.tag", "");
    private static final boolean HISTOGRAM = Boolean.getBoolean("benchmark.histogram");
    private static final String MONGO_HEAP = System.getProperty("benchmark.mongoHeap", "6g");
    private static final Instant RECORDED = Instant.parse("2026-07-03T00:00:00Z");
    private static final Instant FOLLOWED_UP = RECORDED.plus(Duration.ofDays(3));
    private static final int BATCH = 1000;
    private static final int SERVER_BATCH = 4000;

    @Test
    void export_seconds_and_peak_heap() throws Exception {
        Path out = Path.of("target", "benchmarks");
        Files.createDirectories(out);
        String label = label(SUBJECTS) + (TAG.isBlank() ? "" : "-" + TAG);
        List<String> lines = new ArrayList<>();
        List<String> histograms = new ArrayList<>();
        Heap heap = new Heap();
        try (MongoChild mongo = MongoChild.start(); MongoClient client = MongoClients.create(mongo.uri())) {
            long generated = System.nanoTime();
            SyntheticCohort cohort = SyntheticCohort.generate(SUBJECTS, SEED);
            LocalDate cutoff = cohort.dataCutoff();
            double generationSeconds = (System.nanoTime() - generated) / 1e9;

            // the bulk shape against the projections, on a sample: the same bytes out
            Sample sample = Sample.check(client, cohort.subjects().subList(0, Math.min(SAMPLE, SUBJECTS)), cutoff);
            assertThat(sample.differences()).as("files whose bytes differ between projection-fed and bulk-loaded")
                    .isEmpty();

            long loadStarted = System.nanoTime();
            long cpuStarted = mongo.cpuNanos();
            Load load = Load.bulk(client.getDatabase("outcomes").getCollection(SubjectCourseProjection.COLLECTION),
                    client.getDatabase("outcomes").getCollection(AuditTrailProjection.COLLECTION), cohort.subjects(),
                    cutoff);
            double loadSeconds = (System.nanoTime() - loadStarted) / 1e9;
            double loadMongoCpu = (mongo.cpuNanos() - cpuStarted) / 1e9;
            cohort = null; // only the read models hold the trial from here on

            MongoTemplate template = new MongoTemplate(client, "outcomes");
            SubjectCourseProjection courses = new SubjectCourseProjection(new IdempotentProjection(template), template);
            AuditTrailProjection trails = new AuditTrailProjection(new IdempotentProjection(template), template);
            TrialExport export = new TrialExport(courses, trails, "1.0");
            Path zip = out.resolve("export-" + label + ".zip");
            Path folder = out.resolve("export-" + label);

            Map<String, Step> steps = new LinkedHashMap<>();
            steps.put("(a) ZIP, 12 datasets x 2 formats", () -> {
                try (TrialExport.Prepared prepared = export.prepare(cutoff, null, null, null);
                        ZipOutputStream stream = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(zip)))) {
                    Manifest manifest = ExportPackage.write(prepared.cut(), prepared.datasets(),
                            List.of(ExportPackage.Format.values()), ExportPackage.zip(stream, prepared.cut()),
                            (file, done, total) -> { }, prepared.rows());
                    load.check(manifest);
                }
                return Files.size(zip);
            });
            steps.put("(a) folder, same files", () -> {
                try (TrialExport.Prepared prepared = export.prepare(cutoff, null, null, null)) {
                    load.check(ExportPackage.write(prepared.cut(), prepared.datasets(),
                            List.of(ExportPackage.Format.values()), ExportPackage.folder(folder), (file, done, total) -> { },
                            prepared.rows()));
                }
                try (Stream<Path> files = Files.list(folder)) {
                    return files.mapToLong(ExportBenchmark::size).sum();
                }
            });
            steps.put("(b) FHIR R4 Bundle", () -> {
                TrialExport.Courses enrolled = export.courses(cutoff, null, null);
                Path file = out.resolve("export-" + label + "-fhir.json");
                try (OutputStream stream = new BufferedOutputStream(Files.newOutputStream(file));
                        Stream<SubjectCourse> inOrder = enrolled.enrolled().get()) {
                    FhirBundle.write(enrolled.cut(), inOrder, stream);
                }
                return Files.size(file);
            });
            steps.put("(c) ODM audit trail, all sites", () -> {
                ExportCut cut = new ExportCut(cutoff, trails.latest(null, cutoff, null), null, "1.0");
                Path file = out.resolve("export-" + label + "-odm.xml");
                try (OutputStream stream = new BufferedOutputStream(Files.newOutputStream(file));
                        Stream<SubjectAudit> audits = trails.stream(null, cutoff, cut.recordedUpTo())) {
                    OdmAuditTrail.write(cut, audits::iterator, true, stream);
                }
                return Files.size(file);
            });

            // warm-up: every step once
            List<String> warmUp = new ArrayList<>();
            for (var step : steps.entrySet()) {
                Measured m = measure(step.getKey(), step.getValue(), heap, mongo, HISTOGRAM ? histograms : null);
                warmUp.add(String.format(Locale.ROOT, "%s %.1f s", step.getKey().replaceAll(",.*", ""), m.wallSeconds()));
                if (m.failure() != null) {
                    warmUp.add("FAILED: " + m.failure());
                }
            }
            List<Measured> measured = new ArrayList<>();
            for (var step : steps.entrySet()) {
                if (step.getKey().startsWith("first read")) {
                    continue; // measured in the warm-up (it happens once per process)
                }
                measured.add(measure(step.getKey(), step.getValue(), heap, mongo, null));
            }
            // hundreds of MB at 100k: the sizes are in the table
            Files.deleteIfExists(zip);
            Files.deleteIfExists(out.resolve("export-" + label + "-fhir.json"));
            Files.deleteIfExists(out.resolve("export-" + label + "-odm.xml"));
            if (Files.isDirectory(folder)) {
                try (Stream<Path> files = Files.list(folder)) {
                    for (Path f : files.toList()) {
                        Files.delete(f);
                    }
                }
                Files.delete(folder);
            }

            Runtime runtime = Runtime.getRuntime();
            lines.add("Export of a synthetic trial: seconds and heap of each step (outcomes-service export, one thread)");
            lines.add("command: benchmarks/export.sh " + SUBJECTS + "   (mvn -o -q -pl outcomes-service -am"
                    + " -Dtest=ExportBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dbenchmark.subjects=" + SUBJECTS
                    + " test)");
            lines.add(String.format(Locale.ROOT, "trial: %d subjects (seed %d, generated in %.1f s), cut-off %s;"
                    + " %d events; %d adverse events (%d serious, %d followed up); DM %d, AE %d, ADSL %d rows",
                    SUBJECTS, SEED, generationSeconds, cutoff, load.events(), load.adverseEvents(), load.serious(),
                    load.followedUp(), load.dm(), load.ae(), load.adsl()));
            lines.add(String.format(Locale.ROOT, "read models: bulk-inserted in %.1f s (MongoDB child JVM %.1f CPU s),"
                    + " %d subject_courses + %d audit_trails documents; through the projections the sample of %d"
                    + " subjects took %.1f s for %d events (%.0f events/s: ~%.0f min for this trial), its export"
                    + " byte-identical to the bulk-loaded one (%d files)", loadSeconds, loadMongoCpu, load.courses(),
                    load.audits(), sample.subjects(), sample.seconds(), sample.events(), sample.events() / sample.seconds(),
                    load.events() / (sample.events() / sample.seconds()) / 60, sample.files()));
            lines.add(String.format(Locale.ROOT, "JVM: %s %s, %s; %d cores; max heap %.0f MB; MongoDB: mongo-java-server"
                    + " memory backend in a child JVM (-Xmx%s)", System.getProperty("java.vm.name"),
                    System.getProperty("java.vm.version"), String.join(" ", ManagementFactory.getRuntimeMXBean()
                            .getInputArguments().stream().filter(a -> a.startsWith("-XX:") || a.startsWith("-Xm")).toList()),
                    runtime.availableProcessors(), runtime.maxMemory() / 1e6, MONGO_HEAP));
            lines.add("warm-up (one run of each step): " + String.join(", ", warmUp));
            lines.add("CPU: this thread / this JVM (all threads: GC, JIT, driver) / the MongoDB child JVM;"
                    + " heap: in use after a full GC before the step, sum of the pools' peaks during it,"
                    + " highest in use after a GC during it (-: no GC)");
            lines.add(String.format(Locale.ROOT, "%-34s %8s %8s %8s %8s %9s %9s %9s %5s %9s", "step", "wall s",
                    "thread s", "JVM s", "mongo s", "before MB", "peak MB", "live MB", "GCs", "output MB"));
            for (Measured m : measured) {
                String live = m.gcs() == 0 ? "-" : String.format(Locale.ROOT, "%.0f", m.liveMax() / 1e6);
                lines.add(m.failure() == null
                        ? String.format(Locale.ROOT, "%-34s %8.1f %8.1f %8.1f %8.1f %9.0f %9.0f %9s %5d %9.1f",
                                m.name(), m.wallSeconds(), m.threadCpuSeconds(), m.processCpuSeconds(),
                                m.mongoCpuSeconds(), m.before() / 1e6, m.peak() / 1e6, live, m.gcs(),
                                m.outputBytes() / 1e6)
                        : String.format(Locale.ROOT, "%-34s %8.1f FAILED after %.0f MB peak: %s", m.name(),
                                m.wallSeconds(), m.peak() / 1e6, m.failure()));
            }
            String text = String.join(System.lineSeparator(), lines) + System.lineSeparator();
            System.out.println(text);
            Files.writeString(out.resolve("export-" + label + ".txt"), text, StandardCharsets.UTF_8);
            if (HISTOGRAM) {
                Files.writeString(out.resolve("export-" + label + "-histogram.txt"),
                        String.join(System.lineSeparator(), histograms), StandardCharsets.UTF_8);
            }
            assertThat(measured).as("steps that failed").allSatisfy(m -> assertThat(m.failure()).isNull());
            assertThat(load.checked()).as("exports whose row counts were checked").isEqualTo(4);
        } finally {
            heap.close();
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @FunctionalInterface
    interface Step {
        long run() throws Exception;
    }

    record Measured(String name, double wallSeconds, double threadCpuSeconds, double processCpuSeconds,
            double mongoCpuSeconds, long before, long peak, long liveMax, long gcs, long outputBytes, String failure) {
    }

    private static Measured measure(String name, Step step, Heap heap, MongoChild mongo, List<String> histograms) {
        System.gc();
        long before = heap.used();
        heap.reset();
        long gcs = gcCount();
        var threads = ManagementFactory.getThreadMXBean();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long thread0 = threads.getCurrentThreadCpuTime();
        long process0 = os.getProcessCpuTime();
        long mongo0 = mongo.cpuNanos();
        Sampler sampler = histograms == null ? null : Sampler.start();
        long t0 = System.nanoTime();
        long output = 0;
        String failure = null;
        try {
            output = step.run();
        } catch (OutOfMemoryError e) {
            failure = "OutOfMemoryError: " + e.getMessage();
        } catch (Exception e) {
            failure = e.toString();
        }
        long wall = System.nanoTime() - t0;
        long thread = threads.getCurrentThreadCpuTime() - thread0;
        long process = os.getProcessCpuTime() - process0;
        long mongoCpu = mongo.cpuNanos() - mongo0;
        if (sampler != null) {
            histograms.add("== " + name + " (largest of " + sampler.stop() + " samples, top 30 classes)");
            histograms.add(sampler.largest());
        }
        return new Measured(name, wall / 1e9, thread / 1e9, process / 1e9, mongoCpu / 1e9, before, heap.peak(),
                heap.liveMax(), gcCount() - gcs, output, failure);
    }

    private static long gcCount() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    }

    /** The heap pools' peaks and, from GC notifications, the highest heap in use after a collection. */
    static final class Heap implements AutoCloseable {
        private final List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        private final List<String> names = pools.stream().map(MemoryPoolMXBean::getName).toList();
        private final AtomicLong liveMax = new AtomicLong();
        private final NotificationListener listener = (notification, handback) -> {
            if (!notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                return;
            }
            var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
            long after = 0;
            for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                if (names.contains(pool.getKey())) {
                    after += pool.getValue().getUsed();
                }
            }
            liveMax.accumulateAndGet(after, Math::max);
        };

        Heap() {
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                ((NotificationEmitter) gc).addNotificationListener(listener, null, null);
            }
        }

        long used() {
            return pools.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
        }

        void reset() {
            pools.forEach(MemoryPoolMXBean::resetPeakUsage);
            liveMax.set(0);
        }

        long peak() {
            return pools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        }

        long liveMax() {
            return liveMax.get();
        }

        @Override
        public void close() {
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                try {
                    ((NotificationEmitter) gc).removeNotificationListener(listener);
                } catch (javax.management.ListenerNotFoundException e) {
                    // not registered
                }
            }
        }
    }

    /** A class histogram every few seconds while a step runs, keeping the one with the most bytes. */
    static final class Sampler {
        private final Thread thread;
        private volatile boolean running = true;
        private volatile String largest = "";
        private long largestBytes = -1;
        private int samples;

        private Sampler() {
            thread = new Thread(() -> {
                while (running) {
                    try {
                        Thread.sleep(3000);
                        if (!running) {
                            return;
                        }
                        String histogram = histogram();
                        samples++;
                        long bytes = totalBytes(histogram);
                        if (bytes > largestBytes) {
                            largestBytes = bytes;
                            largest = histogram.lines().limit(33).reduce("", (a, b) -> a + b + "\n");
                        }
                    } catch (InterruptedException e) {
                        return;
                    } catch (Exception e) {
                        largest = "histogram failed: " + e;
                        return;
                    }
                }
            }, "histogram-sampler");
            thread.setDaemon(true);
        }

        static Sampler start() {
            Sampler sampler = new Sampler();
            sampler.thread.start();
            return sampler;
        }

        int stop() throws RuntimeException {
            running = false;
            thread.interrupt();
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return samples;
        }

        String largest() {
            return largest;
        }

        static String histogram() throws Exception {
            return (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
        }

        private static long totalBytes(String histogram) {
            return histogram.lines().filter(l -> l.startsWith("Total")).findFirst()
                    .map(l -> Long.parseLong(l.trim().split("\\s+")[2])).orElse(0L);
        }
    }

    /** The events a subject's course gives (as the services publish them), with ids and Kafka positions. */
    static List<ReceivedEvent> received(SubjectCourse subject, LocalDate cutoff, long[] offset) {
        List<ReceivedEvent> received = new ArrayList<>();
        int n = 0;
        String partition = "trial-events-" + Math.floorMod(subject.subjectId().hashCode(), 6);
        for (TrialEvent event : ReferenceCohortThroughEventsTest.eventsOf(subject, cutoff)) {
            List<TrialEvent> versions = new ArrayList<>();
            Instant at = RECORDED;
            if (event instanceof AdverseEventReported reported) {
                // one id per syndrome; serious (hospitalisation) from grade 3; from grade 2 a follow-up resolves it
                int grade = reported.grade();
                boolean crs = reported.ctcaeTerm().toLowerCase(Locale.ROOT).startsWith("cytokine");
                String id = subject.subjectId() + (crs ? "-crs" : "-icans");
                AdverseEventReported report = new AdverseEventReported(reported.subjectId(), reported.siteId(),
                        reported.occurredOn(), RECORDED, id, reported.ctcaeTerm(), grade, grade >= 3,
                        "definite", true, "1.0", crs ? "10052015" : "10079286", "ASTCT-2019", null, null,
                        grade >= 3 ? List.of("HOSPITALISATION") : List.of(), false,
                        grade >= 2 ? "RECOVERING" : "RECOVERED",
                        grade >= 2 || reported.occurredOn() == null ? null : reported.occurredOn().plusDays(3));
                versions.add(report);
                if (grade >= 2 && reported.occurredOn() != null) {
                    AdverseEventDetails d = report.details();
                    versions.add(new AdverseEventUpdated(report.subjectId(), report.siteId(), report.occurredOn(),
                            FOLLOWED_UP, id, new AdverseEventDetails(d.ctcaeTerm(), d.meddraCode(), d.onsetDate(),
                                    d.grade(), d.gradingScale(), d.crs(), d.icans(), d.serious(),
                                    d.seriousnessCriteria(), d.relationshipToCarT(), d.expected(), d.susar(),
                                    "RECOVERED", d.onsetDate().plusDays(7 + grade)),
                            List.of("outcome", "resolutionDate"), "1.0"));
                }
            } else {
                versions.add(event);
            }
            for (TrialEvent version : versions) {
                if (version instanceof AdverseEventUpdated) {
                    at = FOLLOWED_UP;
                }
                received.add(new ReceivedEvent(subject.subjectId() + "-e" + n++, version.getClass().getSimpleName(), at,
                        "synthetic", version, new EventPosition(partition, offset[0]++)));
            }
        }
        return received;
    }

    /**
     * A subject's {@code subject_courses} document as {@link SubjectCourseProjection#apply} leaves it after these
     * events (each a $set of its fact plus a $push of its id onto the applied ids).
     */
    static Document courseDocument(String subjectId, List<ReceivedEvent> events) {
        Document d = new Document("_id", subjectId);
        List<String> applied = new ArrayList<>();
        for (ReceivedEvent received : events) {
            TrialEvent event = received.payload();
            long at = received.recordedAt().toEpochMilli();
            EventPosition pos = received.position();
            if (event instanceof PatientEnrolled) {
                d.put("enrolled", fact(event.occurredOn(), at, pos));
            } else if (event instanceof PatientWithdrawn) {
                d.put("withdrawn", fact(event.occurredOn(), at, pos));
            } else if (event instanceof CarTInfused infused) {
                d.put(infused.product() == CarTProduct.CD19 ? "cd19Infused" : "cd22Infused",
                        fact(event.occurredOn(), at, pos));
            } else if (event instanceof ResponseAssessed assessed) {
                child(d, "assessments").put(key(assessed.assessmentId()), fact(assessed.occurredOn(), at, pos)
                        .append("response", assessed.derivedResponse().name())
                        .append("mrdNegative", assessed.mrdNegative()));
            } else if (event instanceof RelapseDetected relapse) {
                d.put("relapse", fact(relapse.occurredOn(), at, pos).append("cd19Positive", relapse.cd19Positive())
                        .append("cd22Positive", relapse.cd22Positive()));
            } else if (event instanceof DeathRecorded death) {
                d.put("death", fact(death.occurredOn(), at, pos).append("cause", death.cause()));
            } else if (event instanceof FollowUpRecorded) {
                child(d, "knownAlive").put(key(received.eventId()), fact(event.occurredOn(), at, pos));
            } else if (event instanceof AdverseEventVersion version) {
                AdverseEventDetails ae = version.details();
                child(child(d, "adverseEvents"), key(version.adverseEventId())).put(key(received.eventId()),
                        fact(ae.onsetDate() == null ? event.occurredOn() : ae.onsetDate(), at, pos)
                                .append("term", ae.ctcaeTerm()).append("grade", ae.grade()));
            } else if (event instanceof ToxicitySurveillanceCompleted s && !s.syndromeObserved()
                    && List.of("CRS", "ICANS").contains(s.syndrome())) {
                d.put(s.syndrome().toLowerCase(Locale.ROOT) + "Surveillance", fact(s.observedTo(), at, pos)
                        .append("from", s.observedFrom().toString()));
            } else {
                continue;
            }
            d.put("siteId", event.siteId());
            applied.add(received.eventId());
        }
        d.put(IdempotentProjection.APPLIED_EVENTS, applied);
        return d;
    }

    /**
     * A subject's {@code audit_trails} document as {@link AuditTrailProjection#apply} leaves it (each event's state
     * from {@link AuditTrailProjection#state}, under its event id); null: none.
     */
    static Document auditDocument(String subjectId, List<ReceivedEvent> events) {
        Document states = new Document();
        List<String> applied = new ArrayList<>();
        String site = null;
        for (ReceivedEvent received : events) {
            Document state = AuditTrailProjection.state(received);
            if (state != null) {
                states.put(received.eventId().replace('.', '_'), state);
                site = received.payload().siteId();
                applied.add(received.eventId());
            }
        }
        return applied.isEmpty() ? null : new Document("_id", subjectId).append("siteId", site)
                .append("states", states).append(IdempotentProjection.APPLIED_EVENTS, applied);
    }

    private static Document fact(LocalDate on, long at, EventPosition position) {
        Document fact = new Document("on", on.toString()).append("at", at);
        if (position != null) {
            fact.append("p", position.partition()).append("o", position.offset());
        }
        return fact;
    }

    private static Document child(Document parent, String field) {
        Document child = parent.get(field, Document.class);
        if (child == null) {
            child = new Document();
            parent.put(field, child);
        }
        return child;
    }

    private static String key(String id) {
        return id.replace('.', '_').replace('$', '_');
    }

    /** What was loaded, and the row counts an export of it must have. */
    static final class Load {
        private long events;
        private long courses;
        private long audits;
        private long adverseEvents;
        private long serious;
        private long followedUp;
        private long expectedAe;
        private int checked;
        private long dm;
        private long ae;
        private long adsl;

        static Load bulk(MongoCollection<Document> courseCollection, MongoCollection<Document> auditCollection,
                List<SubjectCourse> subjects, LocalDate cutoff) {
            Load load = new Load();
            long[] offset = {0};
            List<Document> courseBatch = new ArrayList<>(BATCH);
            List<Document> auditBatch = new ArrayList<>(BATCH);
            for (SubjectCourse subject : subjects) {
                List<ReceivedEvent> events = received(subject, cutoff, offset);
                load.events += events.size();
                courseBatch.add(courseDocument(subject.subjectId(), events));
                Document audit = auditDocument(subject.subjectId(), events);
                if (audit != null) {
                    auditBatch.add(audit);
                }
                for (ReceivedEvent e : events) {
                    if (e.payload() instanceof AdverseEventReported r) {
                        load.adverseEvents++;
                        load.serious += r.serious() ? 1 : 0;
                        load.expectedAe += r.occurredOn() == null || r.occurredOn().isAfter(cutoff) ? 0 : 1;
                    } else if (e.payload() instanceof AdverseEventUpdated) {
                        load.followedUp++;
                    }
                }
                if (courseBatch.size() == BATCH) {
                    load.flush(courseCollection, auditCollection, courseBatch, auditBatch);
                }
            }
            load.flush(courseCollection, auditCollection, courseBatch, auditBatch);
            return load;
        }

        private void flush(MongoCollection<Document> courseCollection, MongoCollection<Document> auditCollection,
                List<Document> courseBatch, List<Document> auditBatch) {
            if (!courseBatch.isEmpty()) {
                courseCollection.insertMany(courseBatch);
                courses += courseBatch.size();
                courseBatch.clear();
            }
            if (!auditBatch.isEmpty()) {
                auditCollection.insertMany(auditBatch);
                audits += auditBatch.size();
                auditBatch.clear();
            }
        }

        /** The sanity check of an export: one DM and one ADSL row per subject, one AE row per adverse event. */
        synchronized void check(Manifest manifest) {
            Map<String, Long> records = new LinkedHashMap<>();
            manifest.files().forEach(f -> records.put(f.dataset(), f.records()));
            dm = records.get("DM");
            adsl = records.get("ADSL");
            ae = records.get("AE");
            assertThat(dm).as("DM rows").isEqualTo(courses);
            assertThat(adsl).as("ADSL rows").isEqualTo(courses);
            assertThat(ae).as("AE rows").isEqualTo(expectedAe).isPositive();
            checked++;
        }

        long events() { return events; }
        long courses() { return courses; }
        long audits() { return audits; }
        long adverseEvents() { return adverseEvents; }
        long serious() { return serious; }
        long followedUp() { return followedUp; }
        long dm() { return dm; }
        long ae() { return ae; }
        long adsl() { return adsl; }
        int checked() { return checked; }
    }

    /** A sample loaded through the projections and in bulk into two databases; the files of their exports compared. */
    record Sample(int subjects, long events, double seconds, int files, List<String> differences) {

        static Sample check(MongoClient client, List<SubjectCourse> subjects, LocalDate cutoff) throws Exception {
            MongoTemplate viaEvents = new MongoTemplate(client, "sample_events");
            SubjectCourseProjection courses = new SubjectCourseProjection(new IdempotentProjection(viaEvents), viaEvents);
            AuditTrailProjection trails = new AuditTrailProjection(new IdempotentProjection(viaEvents), viaEvents);
            long[] offset = {0};
            long events = 0;
            long t0 = System.nanoTime();
            for (SubjectCourse subject : subjects) {
                for (ReceivedEvent e : received(subject, cutoff, offset)) {
                    courses.apply(e);
                    trails.apply(e);
                    events++;
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            Load.bulk(client.getDatabase("sample_bulk").getCollection(SubjectCourseProjection.COLLECTION),
                    client.getDatabase("sample_bulk").getCollection(AuditTrailProjection.COLLECTION), subjects, cutoff);
            MongoTemplate bulk = new MongoTemplate(client, "sample_bulk");
            Map<String, byte[]> fed = files(courses, trails, cutoff);
            Map<String, byte[]> loaded = files(new SubjectCourseProjection(new IdempotentProjection(bulk), bulk),
                    new AuditTrailProjection(new IdempotentProjection(bulk), bulk), cutoff);
            List<String> differences = new ArrayList<>();
            fed.forEach((file, bytes) -> {
                if (!java.util.Arrays.equals(bytes, loaded.get(file))) {
                    differences.add(file);
                }
            });
            if (!fed.keySet().equals(loaded.keySet())) {
                differences.add("file names: " + fed.keySet() + " vs " + loaded.keySet());
            }
            client.getDatabase("sample_events").drop();
            client.getDatabase("sample_bulk").drop();
            return new Sample(subjects.size(), events, seconds, fed.size(), differences);
        }

        /** Every dataset in both formats, the FHIR bundle and the ODM audit trail, by file name. */
        private static Map<String, byte[]> files(SubjectCourseProjection courses, AuditTrailProjection trails,
                LocalDate cutoff) throws Exception {
            TrialExport export = new TrialExport(courses, trails, "1.0");
            TrialExport.Prepared prepared = export.prepare(cutoff, null, null, null);
            Map<String, byte[]> files = new java.util.TreeMap<>();
            ExportPackage.write(prepared.cut(), prepared.datasets(), List.of(ExportPackage.Format.values()),
                    new ExportPackage.Sink() {
                        private String name;
                        private ByteArrayOutputStream bytes;

                        @Override
                        public OutputStream entry(String file) {
                            name = file;
                            bytes = new ByteArrayOutputStream();
                            return bytes;
                        }

                        @Override
                        public void closeEntry() {
                            files.put(name, bytes.toByteArray());
                        }
                    }, (file, done, total) -> { }, prepared.rows());
            prepared.close();
            ByteArrayOutputStream fhir = new ByteArrayOutputStream();
            TrialExport.Courses enrolled = export.courses(cutoff, null, null);
            try (Stream<SubjectCourse> inOrder = enrolled.enrolled().get()) {
                FhirBundle.write(enrolled.cut(), inOrder, fhir);
            }
            files.put("fhir.json", fhir.toByteArray());
            ByteArrayOutputStream odm = new ByteArrayOutputStream();
            try (Stream<SubjectAudit> audits = trails.stream(null, cutoff, null)) {
                OdmAuditTrail.write(prepared.cut(), audits::iterator, true, odm);
            }
            files.put("odm.xml", odm.toByteArray());
            return files;
        }
    }

    /**
     * The embedded MongoDB-wire server in a JVM of its own (the test class path, its own heap), so that its documents
     * do not count as the export's memory; stopped when closed, or when this JVM's end closes its input.
     */
    static final class MongoChild implements AutoCloseable {
        private final Process process;
        private final int port;

        private MongoChild(Process process, int port) {
            this.process = process;
            this.port = port;
        }

        static MongoChild start() throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            Process process = new ProcessBuilder(java, "-Xmx" + MONGO_HEAP, "-XX:+UseSerialGC", "-cp", classPath,
                    Server.class.getName()).redirectErrorStream(true).start();
            BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("port ")) {
                    int port = Integer.parseInt(line.substring(5).trim());
                    Thread drain = new Thread(() -> {
                        try {
                            while (reader.readLine() != null) {
                                // the server's log, not needed
                            }
                        } catch (IOException e) {
                            // ended
                        }
                    }, "mongo-child-output");
                    drain.setDaemon(true);
                    drain.start();
                    return new MongoChild(process, port);
                }
            }
            throw new IllegalStateException("the MongoDB child JVM ended without a port, exit " + process.exitValue());
        }

        String uri() {
            return "mongodb://127.0.0.1:" + port;
        }

        long cpuNanos() {
            return process.toHandle().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
        }

        @Override
        public void close() {
            process.destroy();
        }
    }

    /**
     * The child JVM's main: serve until the parent closes its input. A find or getMore without a batch size is given
     * one of {@value #SERVER_BATCH} documents: mongo-java-server 1.47 otherwise answers with every remaining document
     * in one reply, and the driver refuses a reply over 48 MB (100,000 subject_courses documents are 115 MB), where a
     * real MongoDB caps a batch at 16 MB.
     */
    public static final class Server {
        public static void main(String[] args) throws IOException {
            MongoServer server = new MongoServer(new MemoryBackend() {
                @Override
                public de.bwaldvogel.mongo.bson.Document handleCommand(io.netty.channel.Channel channel,
                        String database, String command, de.bwaldvogel.mongo.bson.Document query) {
                    if (("find".equals(command) || "getMore".equals(command)) && !query.containsKey("batchSize")) {
                        query.put("batchSize", SERVER_BATCH);
                    }
                    return super.handleCommand(channel, database, command, query);
                }
            });
            server.bind("127.0.0.1", 0);
            System.out.println("port " + server.getLocalAddress().getPort());
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait for the parent to go
            }
            server.shutdownNow();
        }
    }

    /** 100000 -> 100k, 2500 -> 2500. */
    private static String label(int subjects) {
        return subjects % 1000 == 0 ? subjects / 1000 + "k" : Integer.toString(subjects);
    }
}
