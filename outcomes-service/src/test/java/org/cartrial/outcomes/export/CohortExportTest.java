package org.cartrial.outcomes.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.cartrial.api.TrialEvent;
import org.cartrial.outcomes.analysis.domain.CumulativeIncidenceOfRelapse;
import org.cartrial.outcomes.analysis.domain.ExactProportion;
import org.cartrial.outcomes.analysis.domain.Landmark;
import org.cartrial.outcomes.analysis.domain.ReferenceCohort;
import org.cartrial.outcomes.analysis.domain.ReferenceComparison;
import org.cartrial.outcomes.analysis.domain.RemissionOutcome;
import org.cartrial.outcomes.analysis.domain.SubjectCourse;
import org.cartrial.outcomes.analysis.domain.SurvivalEndpoint;
import org.cartrial.outcomes.analysis.domain.TimeInRemission;
import org.cartrial.outcomes.analysis.domain.TimeToEvent;
import org.cartrial.outcomes.analysis.query.ReferenceCohortThroughEventsTest;
import org.cartrial.outcomes.analysis.query.SubjectCourseProjection;
import org.cartrial.outcomes.export.format.ExportPackage;
import org.cartrial.outcomes.export.query.AuditTrailProjection;
import org.cartrial.outcomes.export.query.TrialExport;
import org.cartrial.support.events.IdempotentProjection;
import org.cartrial.support.events.ReceivedEvent;
import org.cartrial.testsupport.EmbeddedMongo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.data.mongodb.core.MongoTemplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * The reference cohort (shared/data/cohort-dev.csv) sent through the subject-course read model as published events,
 * exported as of its cut-off, then read back from the exported files only: ORR from ADSL, and OS, DFS and CIR from
 * ADTTE through the service's own Kaplan-Meier and Aalen-Johansen classes, must equal R's reference
 * (cohort-dev.expected.json: counts exact, estimates to 1e-9). Every Dataset-JSON file must satisfy the CDISC
 * Dataset-JSON v1.1 schema, and the same cut must give the same bytes.
 */
class CohortExportTest {

    private static final Instant RECORDED = Instant.parse("2024-01-02T00:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper SNAKE = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).findAndAddModules().build();

    private static EmbeddedMongo mongo;
    private static MongoClient client;
    private static TrialExport export;
    private static LocalDate cutoff;
    private static JsonNode expected;
    private static Path first;
    private static List<SubjectCourse> cohort;

    @BeforeAll
    static void exportTheCohortFedThroughEvents() throws IOException {
        mongo = new EmbeddedMongo();
        client = MongoClients.create(mongo.uri());
        MongoTemplate template = new MongoTemplate(client, "outcomes");
        SubjectCourseProjection courses = new SubjectCourseProjection(new IdempotentProjection(template), template);
        AuditTrailProjection adverseEvents = new AuditTrailProjection(new IdempotentProjection(template), template);
        Path shared = Path.of("../../shared/data/cohort-dev.csv");
        ReferenceCohort reference = Files.exists(shared) ? ReferenceCohort.read(shared)
                : ReferenceCohort.read("/analysis/cohort-dev.csv");
        cohort = reference.subjects();
        cutoff = reference.dataCutoff();
        for (SubjectCourse subject : cohort) {
            for (TrialEvent event : ReferenceCohortThroughEventsTest.eventsOf(subject, cutoff)) {
                ReceivedEvent received = new ReceivedEvent(UUID.randomUUID().toString(), "t", RECORDED, "import", event);
                courses.apply(received);
                courses.apply(received);
                adverseEvents.apply(received);
            }
        }
        export = new TrialExport(courses, adverseEvents, "1.0");
        // kept in target/ so the files can be looked at after the test
        Path folder = Path.of("target/cohort-export");
        if (Files.isDirectory(folder)) {
            try (Stream<Path> old = Files.list(folder)) {
                for (Path file : old.toList()) {
                    Files.delete(file);
                }
            }
        }
        first = exportTo(folder, null);
        try (InputStream in = CohortExportTest.class.getResourceAsStream("/analysis/cohort-dev.expected.json")) {
            expected = JSON.readTree(in);
        }
    }

    @AfterAll
    static void stop() {
        client.close();
        mongo.close();
    }

    static Path exportTo(Path folder, List<String> sites) throws IOException {
        try (TrialExport.Prepared prepared = export.prepare(cutoff, null, sites, null)) {
            ExportPackage.write(prepared.cut(), prepared.datasets(), List.of(ExportPackage.Format.values()),
                    ExportPackage.folder(folder), (file, done, total) -> { }, prepared.rows());
        }
        return folder;
    }

    private static List<JsonNode> rows(String file) throws IOException {
        List<JsonNode> rows = new ArrayList<>();
        JsonNode dataset = JSON.readTree(first.resolve(file).toFile());
        List<String> names = new ArrayList<>();
        dataset.get("columns").forEach(c -> names.add(c.get("name").asText()));
        for (JsonNode row : dataset.get("rows")) {
            var named = JSON.createObjectNode();
            for (int i = 0; i < names.size(); i++) {
                named.set(names.get(i), row.get(i));
            }
            rows.add(named);
        }
        return rows;
    }

    private static List<JsonNode> adtte(String paramcd) throws IOException {
        return rows("adtte.json").stream().filter(r -> r.get("PARAMCD").asText().equals(paramcd)).toList();
    }

    private static void same(String section, Object computed) {
        ReferenceComparison comparison = new ReferenceComparison();
        comparison.compare(expected.get(section), SNAKE.valueToTree(computed), section);
        assertThat(comparison.differences()).isEmpty();
        assertThat(comparison.figures()).isGreaterThan(5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"os", "dfs"})
    void kaplan_meier_of_exported_adtte_is_r_s(String endpoint) throws IOException {
        List<TimeToEvent> observations = adtte(endpoint.toUpperCase()).stream()
                .map(r -> new TimeToEvent(r.get("AVAL").asDouble(), r.get("CNSR").asInt() == 0)).toList();

        same(endpoint, SurvivalEndpoint.of(observations, Landmark.PROTOCOL));
    }

    @Test
    void aalen_johansen_of_exported_cir_rows_is_r_s() throws IOException {
        List<TimeInRemission> observations = adtte("CIR").stream().map(r -> new TimeInRemission(r.get("AVAL").asDouble(),
                r.get("CNSR").asInt() == 0 ? RemissionOutcome.RELAPSE
                        : "Y".equals(r.get("CMPEVFL").asText(null)) ? RemissionOutcome.DEATH_IN_REMISSION
                        : RemissionOutcome.CENSORED)).toList();

        same("cir", CumulativeIncidenceOfRelapse.of(observations, Landmark.PROTOCOL));
    }

    @Test
    void orr_from_exported_adsl_and_adrs_is_r_s() throws IOException {
        List<JsonNode> infused = rows("adsl.json").stream().filter(r -> r.get("SAFFL").asText().equals("Y")).toList();
        int responders = (int) infused.stream().filter(r -> r.get("RESPFL").asText().equals("Y")).count();
        long bestCrCri = rows("adrs.json").stream().filter(r -> r.get("PARAMCD").asText().equals("BOR"))
                .filter(r -> Set.of("CR", "CRi").contains(r.get("AVALC").asText())).count();
        ExactProportion orr = ExactProportion.of(responders, infused.size());

        JsonNode want = expected.get("orr");
        assertThat(orr.count()).isEqualTo(want.get("count").asInt());
        assertThat(orr.n()).isEqualTo(want.get("n").asInt());
        assertThat(bestCrCri).isEqualTo(responders);
        assertThat(orr.proportion()).isCloseTo(want.get("proportion").asDouble(), within(1e-9));
        assertThat(orr.lower()).isCloseTo(want.get("ci_lower").asDouble(), within(1e-9));
        assertThat(orr.upper()).isCloseTo(want.get("ci_upper").asDouble(), within(1e-9));
        assertThat(rows("adsl.json")).hasSize(expected.at("/counts/enrolled").asInt());
    }

    /**
     * Where R is installed: survival's survfit on the exported ADTTE CSV gives the platform's Kaplan-Meier tables
     * (OS, EFS, DFS) and Aalen-Johansen curve (CIR), every figure to 1e-9.
     */
    @Test
    void r_s_survfit_on_the_exported_adtte_gives_the_platform_s_tables() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(rscript(), "Rscript with survival and jsonlite is not installed");
        Path script = Files.createTempFile("adtte-survfit", ".R");
        Path answer = Files.createTempFile("adtte-survfit", ".json");
        try (InputStream in = CohortExportTest.class.getResourceAsStream("/export/adtte-survfit.R")) {
            Files.copy(in, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Process r = new ProcessBuilder("Rscript", script.toString(), first.resolve("adtte.csv").toString(),
                answer.toString()).redirectErrorStream(true).start();
        String output = new String(r.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(r.waitFor()).as(output).isZero();
        JsonNode fromR = JSON.readTree(answer.toFile());

        for (String paramcd : List.of("OS", "EFS", "DFS")) {
            var table = org.cartrial.outcomes.analysis.domain.KaplanMeier.fit(adtte(paramcd).stream()
                    .map(row -> new TimeToEvent(row.get("AVAL").asDouble(), row.get("CNSR").asInt() == 0)).toList())
                    .table(org.cartrial.outcomes.analysis.domain.ConfidenceType.LOG);
            JsonNode want = fromR.get(paramcd);
            close(paramcd + ".time", want.get("time"), table.time());
            close(paramcd + ".n_risk", want.get("n_risk"), table.nRisk());
            close(paramcd + ".n_event", want.get("n_event"), table.nEvent());
            close(paramcd + ".surv", want.get("surv"), table.surv());
            close(paramcd + ".lower", want.get("lower"), table.lower());
            close(paramcd + ".upper", want.get("upper"), table.upper());
        }
        var cir = org.cartrial.outcomes.analysis.domain.AalenJohansen.fit(adtte("CIR").stream().map(row ->
                new TimeInRemission(row.get("AVAL").asDouble(), row.get("CNSR").asInt() == 0 ? RemissionOutcome.RELAPSE
                        : "Y".equals(row.get("CMPEVFL").asText(null)) ? RemissionOutcome.DEATH_IN_REMISSION
                        : RemissionOutcome.CENSORED)).toList()).curve();
        close("CIR.time", fromR.at("/CIR/time"), cir.time());
        close("CIR.relapse", fromR.at("/CIR/relapse"), cir.relapse());
        close("CIR.death", fromR.at("/CIR/death"), cir.deathWithoutRelapse());
    }

    private static void close(String what, JsonNode want, List<? extends Number> got) {
        assertThat(got).as(what).hasSize(want.size());
        for (int i = 0; i < want.size(); i++) {
            if (want.get(i).isNull()) {
                assertThat(got.get(i)).as(what + "[" + i + "]").isNull();
            } else {
                assertThat(got.get(i).doubleValue()).as(what + "[" + i + "]").isCloseTo(want.get(i).asDouble(), within(1e-9));
            }
        }
    }

    private static boolean rscript() {
        try {
            // R with the two packages the check needs, not only the command
            Process r = new ProcessBuilder("Rscript", "-e", "library(survival); library(jsonlite)")
                    .redirectErrorStream(true).start();
            r.getInputStream().readAllBytes();
            return r.waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    @Test
    void every_dataset_json_file_satisfies_the_dataset_json_1_1_schema() throws IOException {
        JsonSchema schema;
        try (InputStream in = CohortExportTest.class.getResourceAsStream("/export/dataset.schema.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V201909).getSchema(in);
        }
        List<Path> files;
        try (Stream<Path> all = Files.list(first)) {
            files = all.filter(p -> p.toString().endsWith(".json") && !p.endsWith(ExportPackage.MANIFEST)).sorted().toList();
        }
        assertThat(files).hasSize(TrialExport.DATASETS.size());
        for (Path file : files) {
            Set<ValidationMessage> errors = schema.validate(JSON.readTree(file.toFile()));
            assertThat(errors).as(file.getFileName().toString()).isEmpty();
        }
        // the schema is really applied: a file claiming another version, or lacking its columns, is refused
        var broken = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(files.get(0).toFile());
        broken.put("datasetJSONVersion", "1.0.0");
        broken.remove("columns");
        assertThat(schema.validate(broken)).hasSize(2);
    }

    @Test
    void the_manifest_counts_rows_and_hashes_every_file() throws Exception {
        JsonNode manifest = JSON.readTree(first.resolve(ExportPackage.MANIFEST).toFile());

        assertThat(manifest.get("dataCutoff").asText()).isEqualTo(cutoff.toString());
        assertThat(manifest.get("recordedUpTo").asText()).isEqualTo(RECORDED.toString());
        assertThat(manifest.get("protocolVersion").asText()).isEqualTo("1.0");
        assertThat(manifest.get("files")).hasSize(2 * TrialExport.DATASETS.size());
        for (JsonNode f : manifest.get("files")) {
            byte[] bytes = Files.readAllBytes(first.resolve(f.get("file").asText()));
            assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)))
                    .isEqualTo(f.get("sha256").asText());
            if (f.get("format").asText().equals("CSV")) {
                long lines = Files.readAllLines(first.resolve(f.get("file").asText())).size();
                assertThat(lines - 1).as(f.get("file").asText()).isEqualTo(f.get("records").asLong());
            } else {
                assertThat(JSON.readTree(bytes).get("records").asLong()).isEqualTo(f.get("records").asLong());
            }
        }
    }

    @Test
    void ae_holds_every_crs_and_icans_event_with_its_grade_seriousness_and_causality() throws IOException {
        List<JsonNode> ae = rows("ae.json");
        long graded = cohort.stream().mapToLong(c -> c.crs().adverseEvents().size() + c.icans().adverseEvents().size()).sum();

        assertThat(ae).hasSize((int) graded);
        assertThat(ae).allSatisfy(r -> {
            assertThat(r.get("AECAT").asText()).isEqualTo("CAR-T TOXICITY");
            assertThat(r.get("AESER").asText()).isEqualTo("N");
            assertThat(r.get("AESHOSP").isNull()).isTrue();
            assertThat(r.get("AEREL").asText()).isEqualTo("RELATED");
            assertThat(r.get("AEOUT").asText()).isEqualTo("RECOVERED/RESOLVED");
            assertThat(r.get("AETOXGRS").asText()).isEqualTo("ASTCT 2019");
            assertThat(r.get("AESTDY").asInt()).isEqualTo(1);
        });
    }

    @Test
    void the_same_cut_gives_byte_identical_files(@TempDir Path again) throws IOException {
        exportTo(again, null);

        try (Stream<Path> files = Files.list(first)) {
            for (Path file : files.toList()) {
                assertThat(Files.readAllBytes(again.resolve(file.getFileName()))).as(file.getFileName().toString())
                        .isEqualTo(Files.readAllBytes(file));
            }
        }
    }

    @Test
    void an_export_of_one_site_holds_only_that_site_s_subjects(@TempDir Path site) throws IOException {
        exportTo(site, List.of("S02"));
        Set<String> expectedSubjects = new HashSet<>();
        cohort.stream().filter(c -> c.siteId().equals("S02")).forEach(c -> expectedSubjects.add(c.subjectId()));

        for (String file : List.of("dm.json", "ds.json", "ex.json", "ae.json", "rs.json", "adsl.json", "adtte.json", "adrs.json")) {
            JsonNode dataset = JSON.readTree(site.resolve(file).toFile());
            int usubjid = 0;
            while (!dataset.get("columns").get(usubjid).get("name").asText().equals("USUBJID")) {
                usubjid++;
            }
            for (JsonNode row : dataset.get("rows")) {
                assertThat(row.get(usubjid).asText()).as(file).startsWith("CARTRIAL-CD19-CD22-S02-");
            }
        }
        JsonNode dm = JSON.readTree(site.resolve("dm.json").toFile());
        assertThat(dm.get("records").asInt()).isEqualTo(expectedSubjects.size()).isPositive();
    }
}
