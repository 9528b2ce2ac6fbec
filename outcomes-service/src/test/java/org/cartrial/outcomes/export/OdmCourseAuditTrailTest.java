package org.cartrial.outcomes.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cartrial.outcomes.export.OdmDocuments.ODM;
import static org.cartrial.outcomes.export.OdmDocuments.child;
import static org.cartrial.outcomes.export.OdmDocuments.items;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;


import org.cartrial.api.CorrectedValue;
import org.cartrial.api.outcomes.DeathCorrected;
import org.cartrial.api.outcomes.DeathRecorded;
import org.cartrial.api.outcomes.FollowUpCorrected;
import org.cartrial.api.outcomes.FollowUpRecorded;
import org.cartrial.api.outcomes.ResponseAssessed;
import org.cartrial.api.outcomes.ResponseAssessmentCorrected;
import org.cartrial.api.outcomes.ResponseCategory;
import org.cartrial.outcomes.export.domain.SubjectAudit;
import org.cartrial.outcomes.export.query.AuditTrailProjection;
import org.cartrial.support.events.IdempotentProjection;
import org.cartrial.support.events.ReceivedEvent;
import org.cartrial.testsupport.EmbeddedMongo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

/**
 * Corrections of the clinical course in the ODM audit trail: a corrected response, death date and follow-up date are
 * Updates with who (the corrector), when, why and the old value, each delivered twice and listed once.
 */
class OdmCourseAuditTrailTest {

    private static final LocalDate DAY_28 = LocalDate.of(2026, 2, 10);
    private static final Instant RECORDED = Instant.parse("2026-02-10T10:00:00Z");
    private static final Instant CORRECTED = Instant.parse("2026-03-05T09:00:00Z");

    private static EmbeddedMongo mongo;
    private static MongoClient client;
    private static AuditTrailProjection trails;

    private static ResponseAssessed assessed(String blasts, ResponseCategory derived) {
        return new ResponseAssessed("S01-0001", "S01", DAY_28, RECORDED, "a1", new BigDecimal(blasts), false, false,
                "CNS1", new BigDecimal("1.2"), new BigDecimal("120"), null, null, derived, ResponseCategory.CR, null,
                "1.0");
    }

    @BeforeAll
    static void record() {
        mongo = new EmbeddedMongo();
        client = MongoClients.create(mongo.uri());
        MongoTemplate template = new MongoTemplate(client, "outcomes");
        trails = new AuditTrailProjection(new IdempotentProjection(template), template);
        DeathRecorded death = new DeathRecorded("S01-0001", "S01", DAY_28.plusDays(100), RECORDED, "disease");
        List<ReceivedEvent> events = List.of(
                new ReceivedEvent("e1", "t", RECORDED, "coordinator-s01", assessed("12", ResponseCategory.NR)),
                new ReceivedEvent("e2", "t", RECORDED, "coordinator-s01",
                        new FollowUpRecorded("S01-0001", "S01", DAY_28.plusDays(50), RECORDED)),
                new ReceivedEvent("e3", "t", RECORDED, "coordinator-s01", death),
                new ReceivedEvent("e4", "t", CORRECTED, "investigator-s01", new ResponseAssessmentCorrected("S01-0001",
                        "S01", DAY_28, CORRECTED, "a1", assessed("1.2", ResponseCategory.CR), List.of(
                                new CorrectedValue("marrowBlastsPercent", "12", "1.2")), "transcription error",
                        "investigator-s01")),
                new ReceivedEvent("e5", "t", CORRECTED, "investigator-s01", new DeathCorrected("S01-0001", "S01",
                        DAY_28.plusDays(90), CORRECTED,
                        new DeathRecorded("S01-0001", "S01", DAY_28.plusDays(90), RECORDED, "disease"),
                        List.of(), "death certificate", "investigator-s01")),
                new ReceivedEvent("e6", "t", CORRECTED, "investigator-s01", new FollowUpCorrected("S01-0001", "S01",
                        DAY_28.plusDays(55), CORRECTED, DAY_28.plusDays(50),
                        new FollowUpRecorded("S01-0001", "S01", DAY_28.plusDays(55), CORRECTED), List.of(),
                        "visit date", "investigator-s01")),
                new ReceivedEvent("e7", "t", CORRECTED.plusSeconds(60), "investigator-s01", new FollowUpCorrected(
                        "S01-0001", "S01", DAY_28.plusDays(56), CORRECTED.plusSeconds(60), DAY_28.plusDays(55),
                        new FollowUpRecorded("S01-0001", "S01", DAY_28.plusDays(56), CORRECTED), List.of(),
                        "visit date again", "investigator-s01")));
        for (ReceivedEvent e : events) {
            trails.apply(e);
            trails.apply(e);
        }
    }

    @AfterAll
    static void stop() {
        client.close();
        mongo.close();
    }

    private static Document odm(Instant recordedUpTo) throws Exception {
        SubjectAudit audit = trails.subject("S01-0001", LocalDate.of(2026, 12, 31), recordedUpTo).orElseThrow();
        return OdmDocuments.of(audit, recordedUpTo);
    }



    @Test
    void corrections_of_the_course_are_updates_with_who_when_why_and_the_old_value() throws Exception {
        Document odm = odm(null);

        List<Element> response = items(odm, "IT.RS.RSORRES");
        assertThat(response).extracting(e -> e.getAttribute("TransactionType")).containsExactly("Insert", "Update");
        assertThat(response).extracting(e -> e.getAttribute("Value")).containsExactly("NR", "CR");
        Element update = response.get(1);
        assertThat(((Element) update.getElementsByTagNameNS(ODM, "UserRef").item(0)).getAttribute("UserOID"))
                .isEqualTo("investigator-s01");
        assertThat(child(update, "DateTimeStamp")).isEqualTo(CORRECTED.toString());
        assertThat(child(update, "ReasonForChange")).isEqualTo("transcription error (was NR)");
        assertThat(child(update, "SourceID")).isEqualTo("e4");

        assertThat(items(odm, "IT.DS.DSSTDTC")).extracting(e -> e.getAttribute("Value"))
                .containsExactly(DAY_28.plusDays(100).toString(), DAY_28.plusDays(90).toString());
        assertThat(items(odm, "IT.DS.DTHCAUS")).hasSize(1);
        assertThat(items(odm, "IT.FU.FUDTC")).as("one follow-up, corrected twice").extracting(e -> e.getAttribute("Value"))
                .containsExactly(DAY_28.plusDays(50).toString(), DAY_28.plusDays(55).toString(),
                        DAY_28.plusDays(56).toString());
        assertThat(odm.getElementsByTagNameNS(ODM, "StudyEventData").getLength()).as("AE, RS, DS, FU").isEqualTo(4);
    }

    @Test
    void as_recorded_before_the_corrections_only_the_facts_are_there() throws Exception {
        Document odm = odm(CORRECTED.minusSeconds(1));

        assertThat(items(odm, "IT.RS.RSORRES")).extracting(e -> e.getAttribute("Value")).containsExactly("NR");
        assertThat(odm.getElementsByTagNameNS(ODM, "ReasonForChange").getLength()).isZero();
    }
}
