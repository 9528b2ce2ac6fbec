package org.cartrial.outcomes.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cartrial.outcomes.export.OdmDocuments.ODM;
import static org.cartrial.outcomes.export.OdmDocuments.child;
import static org.cartrial.outcomes.export.OdmDocuments.items;
import static org.cartrial.outcomes.export.OdmDocuments.user;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;


import org.cartrial.api.CorrectedValue;
import org.cartrial.api.enrollment.PatientEnrolled;
import org.cartrial.api.enrollment.PatientScreened;
import org.cartrial.api.enrollment.ScreeningFindingsCorrected;
import org.cartrial.api.infusion.CarTInfused;
import org.cartrial.api.infusion.CarTInfusionCorrected;
import org.cartrial.api.infusion.CarTProduct;
import org.cartrial.api.infusion.LymphodepletingAgent;
import org.cartrial.api.infusion.LymphodepletionCorrected;
import org.cartrial.api.infusion.LymphodepletionGiven;
import org.cartrial.outcomes.analysis.query.SubjectCourseProjection;
import org.cartrial.outcomes.export.domain.SubjectAudit;
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
import org.springframework.data.mongodb.core.MongoTemplate;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

/**
 * Corrections of the screening findings, the CAR-T infusion and the lymphodepletion in the ODM audit trail: Updates
 * with who (the corrector), when, why and the old value, each event delivered twice and listed once; and the values
 * SDTM takes from them as last corrected: DM's age and sex, EX's doses, lot and lymphodepleting drugs.
 */
class OdmTreatmentAuditTrailTest {

    private static final String SUBJECT = "S01-0001";
    private static final LocalDate SCREENED = LocalDate.of(2026, 1, 5);
    private static final LocalDate LD_START = LocalDate.of(2026, 1, 8);
    private static final LocalDate DAY_0 = LocalDate.of(2026, 1, 13);
    private static final Instant RECORDED = Instant.parse("2026-01-13T10:00:00Z");
    private static final Instant CORRECTED = Instant.parse("2026-02-02T09:00:00Z");

    private static EmbeddedMongo mongo;
    private static MongoClient client;
    private static AuditTrailProjection trails;
    private static TrialExport export;

    private static PatientScreened screened(String weightKg) {
        return new PatientScreened(SUBJECT, "S01", SCREENED, RECORDED, new BigDecimal("9.75"), new BigDecimal(weightKg),
                "female", "LANSKY", 80, new PatientScreened.DiagnosticWorkup(true, true, true, true, null), "RELAPSED",
                null, new BigDecimal("95"), new BigDecimal("90"),
                new PatientScreened.Consent(SCREENED, "2.0", null), true, List.of(), "1.0");
    }

    private static CarTInfused infused(String dose) {
        return new CarTInfused(SUBJECT, "S01", DAY_0, RECORDED, CarTProduct.CD19, DAY_0.atTime(9, 30)
                .toInstant(java.time.ZoneOffset.UTC), new BigDecimal(dose), new BigDecimal("30"), "LOT-19-001", "1.0");
    }

    private static LymphodepletionGiven lymphodepletion(LocalDate start, String fludarabine) {
        return new LymphodepletionGiven(SUBJECT, "S01", start, RECORDED, CarTProduct.CD19, List.of(
                new LymphodepletingAgent("fludarabine", new BigDecimal(fludarabine)),
                new LymphodepletingAgent("cyclophosphamide", new BigDecimal("500"))), new BigDecimal("135"),
                new BigDecimal("30"), new BigDecimal("1.06"), LD_START.plusDays(3), "1.0");
    }

    @BeforeAll
    static void record() {
        mongo = new EmbeddedMongo();
        client = MongoClients.create(mongo.uri());
        MongoTemplate template = new MongoTemplate(client, "outcomes");
        trails = new AuditTrailProjection(new IdempotentProjection(template), template);
        SubjectCourseProjection courses = new SubjectCourseProjection(new IdempotentProjection(template), template);
        export = new TrialExport(courses, trails, "1.0");
        List<ReceivedEvent> events = List.of(
                new ReceivedEvent("e1", "t", RECORDED, "coordinator-s01", screened("30.5")),
                new ReceivedEvent("e2", "t", RECORDED, "coordinator-s01",
                        new PatientEnrolled(SUBJECT, "S01", SCREENED.plusDays(1), RECORDED, "1.0")),
                new ReceivedEvent("e3", "t", RECORDED, "coordinator-s01", lymphodepletion(LD_START, "30")),
                new ReceivedEvent("e4", "t", RECORDED, "coordinator-s01", infused("1.0")),
                new ReceivedEvent("e5", "t", CORRECTED, "investigator-s01", new ScreeningFindingsCorrected(SUBJECT,
                        "S01", SCREENED, CORRECTED, screened("30"), List.of(new CorrectedValue("weightKg", "30.5", "30")),
                        "scale recalibrated", "investigator-s01", null, null, false)),
                new ReceivedEvent("e6", "t", CORRECTED, "investigator-s01", new CarTInfusionCorrected(SUBJECT, "S01",
                        DAY_0, CORRECTED, CarTProduct.CD19, infused("0.5"),
                        List.of(new CorrectedValue("dose10e6CellsPerKg", "1", "0.5")), "dose misread", "investigator-s01")),
                new ReceivedEvent("e7", "t", CORRECTED, "investigator-s01", new LymphodepletionCorrected(SUBJECT, "S01",
                        LD_START.minusDays(1), CORRECTED, CarTProduct.CD19, LD_START,
                        lymphodepletion(LD_START.minusDays(1), "25"), List.of(
                                new CorrectedValue("occurredOn", LD_START.toString(), LD_START.minusDays(1).toString())),
                        "first day and dose from the chart", "investigator-s01")));
        for (ReceivedEvent e : events) {
            trails.apply(e);
            trails.apply(e);
            courses.apply(e);
            courses.apply(e);
        }
    }

    @AfterAll
    static void stop() {
        client.close();
        mongo.close();
    }

    private static Document odm(Instant recordedUpTo) throws Exception {
        SubjectAudit audit = trails.subject(SUBJECT, LocalDate.of(2026, 12, 31), recordedUpTo).orElseThrow();
        return OdmDocuments.of(audit, recordedUpTo);
    }




    @Test
    void corrections_of_screening_infusion_and_lymphodepletion_are_updates_with_who_when_why_and_the_old_value()
            throws Exception {
        Document odm = odm(null);

        List<Element> weight = items(odm, "IT.SC.WEIGHT");
        assertThat(weight).extracting(e -> e.getAttribute("TransactionType")).containsExactly("Insert", "Update");
        assertThat(weight).extracting(e -> e.getAttribute("Value")).containsExactly("30.5", "30");
        assertThat(user(weight.get(1))).isEqualTo("investigator-s01");
        assertThat(child(weight.get(1), "DateTimeStamp")).isEqualTo(CORRECTED.toString());
        assertThat(child(weight.get(1), "ReasonForChange")).isEqualTo("scale recalibrated (was 30.5)");
        assertThat(child(weight.get(1), "SourceID")).isEqualTo("e5");
        assertThat(items(odm, "IT.SC.SEX")).as("unchanged: inserted once").hasSize(1);

        List<Element> dose = items(odm, "IT.EX.EXDOSE");
        assertThat(dose).extracting(e -> e.getAttribute("Value")).containsExactly("1", "0.5");
        assertThat(user(dose.get(0))).isEqualTo("coordinator-s01");
        assertThat(child(dose.get(1), "ReasonForChange")).isEqualTo("dose misread (was 1)");
        assertThat(child(dose.get(1), "SourceID")).isEqualTo("e6");
        assertThat(((Element) dose.get(0).getParentNode()).getAttribute("ItemGroupRepeatKey")).isEqualTo("CD19");

        List<Element> start = items(odm, "IT.LD.LDSTDTC");
        assertThat(start).as("one lymphodepletion, its first day corrected").extracting(e -> e.getAttribute("Value"))
                .containsExactly(LD_START.toString(), LD_START.minusDays(1).toString());
        assertThat(child(start.get(1), "ReasonForChange"))
                .isEqualTo("first day and dose from the chart (was " + LD_START + ")");
        assertThat(items(odm, "IT.LD.AGENTS")).extracting(e -> e.getAttribute("Value"))
                .containsExactly("fludarabine:30;cyclophosphamide:500", "fludarabine:25;cyclophosphamide:500");
        assertThat(odm.getElementsByTagNameNS(ODM, "StudyEventData").getLength()).as("AE, SC, LD, EX").isEqualTo(4);
    }

    @Test
    void as_recorded_before_the_corrections_only_the_first_values_are_there() throws Exception {
        Document odm = odm(CORRECTED.minusSeconds(1));

        assertThat(items(odm, "IT.EX.EXDOSE")).extracting(e -> e.getAttribute("Value")).containsExactly("1");
        assertThat(items(odm, "IT.SC.WEIGHT")).extracting(e -> e.getAttribute("Value")).containsExactly("30.5");
        assertThat(odm.getElementsByTagNameNS(ODM, "ReasonForChange").getLength()).isZero();
    }

    @Test
    void dm_has_age_and_sex_and_ex_the_doses_as_last_corrected(@TempDir Path folder) throws Exception {
        try (TrialExport.Prepared prepared = export.prepare(LocalDate.of(2026, 12, 31), null, null, List.of("DM", "EX"))) {
            ExportPackage.write(prepared.cut(), prepared.datasets(), List.of(ExportPackage.Format.JSON),
                    ExportPackage.folder(folder), (file, done, total) -> { }, prepared.rows());
        }

        List<JsonNode> dm = rows(folder.resolve("dm.json"));
        assertThat(dm).hasSize(1);
        assertThat(dm.get(0).get("AGE").asInt()).as("completed years of 9.75").isEqualTo(9);
        assertThat(dm.get(0).get("AGEU").asText()).isEqualTo("YEARS");
        assertThat(dm.get(0).get("SEX").asText()).isEqualTo("F");

        List<JsonNode> ex = rows(folder.resolve("ex.json"));
        assertThat(ex).extracting(r -> r.get("EXTRT").asText())
                .containsExactly("CYCLOPHOSPHAMIDE", "FLUDARABINE", "CD19 CAR-T CELLS");
        assertThat(ex).extracting(r -> r.get("EXSEQ").asInt()).containsExactly(1, 2, 3);
        JsonNode fludarabine = ex.get(1);
        assertThat(fludarabine.get("EXDOSE").decimalValue()).isEqualByComparingTo("25");
        assertThat(fludarabine.get("EXDOSU").asText()).isEqualTo("mg/m2");
        assertThat(fludarabine.get("EXDOSFRQ").asText()).isEqualTo("QD");
        assertThat(fludarabine.get("EXCAT").asText()).isEqualTo("LYMPHODEPLETING CHEMOTHERAPY");
        assertThat(fludarabine.get("EXSTDTC").asText()).isEqualTo(LD_START.minusDays(1).toString());
        assertThat(fludarabine.get("EXENDTC").asText()).isEqualTo(LD_START.plusDays(3).toString());
        assertThat(fludarabine.get("EXSTDY").asInt()).isEqualTo(-6);
        JsonNode cart = ex.get(2);
        assertThat(cart.get("EXDOSE").decimalValue()).isEqualByComparingTo("0.5");
        assertThat(cart.get("EXDOSU").asText()).isEqualTo("10^6 cells/kg");
        assertThat(cart.get("EXDOSFRQ").asText()).isEqualTo("ONCE");
        assertThat(cart.get("EXROUTE").asText()).isEqualTo("INTRAVENOUS");
        assertThat(cart.get("EXLOT").asText()).isEqualTo("LOT-19-001");
        assertThat(cart.get("EXSTDY").asInt()).isEqualTo(1);
        JsonNode header = new ObjectMapper().readTree(folder.resolve("ex.json").toFile());
        assertThat(header.get("records").asInt()).isEqualTo(3);
    }

    private static List<JsonNode> rows(Path file) throws Exception {
        JsonNode dataset = new ObjectMapper().readTree(Files.readAllBytes(file));
        List<String> names = new ArrayList<>();
        dataset.get("columns").forEach(c -> names.add(c.get("name").asText()));
        List<JsonNode> rows = new ArrayList<>();
        for (JsonNode row : dataset.get("rows")) {
            var named = new ObjectMapper().createObjectNode();
            for (int i = 0; i < names.size(); i++) {
                named.set(names.get(i), row.get(i));
            }
            rows.add(named);
        }
        return rows;
    }
}
