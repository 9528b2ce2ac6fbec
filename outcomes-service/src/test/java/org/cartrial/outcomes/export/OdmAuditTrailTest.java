package org.cartrial.outcomes.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cartrial.outcomes.export.OdmDocuments.child;
import static org.cartrial.outcomes.export.OdmDocuments.items;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;


import org.cartrial.api.safety.AdverseEventCorrected;
import org.cartrial.api.safety.AdverseEventDetails;
import org.cartrial.api.safety.AdverseEventRecoded;
import org.cartrial.api.safety.AdverseEventReported;
import org.cartrial.outcomes.export.domain.SubjectAudit;
import org.cartrial.outcomes.export.format.OdmAuditTrail;
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
 * An adverse event reported at grade 2, corrected to grade 3 and recoded, each event delivered twice, comes out of
 * the ODM 1.3.2 audit trail as one Insert and one Update per changed item, with who, when, why and the old value;
 * as recorded before the correction, only the report is there.
 */
class OdmAuditTrailTest {

    private static final LocalDate ONSET = LocalDate.of(2026, 3, 2);
    private static final Instant REPORTED = Instant.parse("2026-03-02T10:00:00Z");
    private static final Instant CORRECTED = Instant.parse("2026-03-05T09:00:00Z");
    private static final Instant RECODED = Instant.parse("2026-03-06T09:00:00Z");

    private static EmbeddedMongo mongo;
    private static MongoClient client;
    private static AuditTrailProjection trails;

    @BeforeAll
    static void recordTheAdverseEvent() {
        mongo = new EmbeddedMongo();
        client = MongoClients.create(mongo.uri());
        MongoTemplate template = new MongoTemplate(client, "outcomes");
        trails = new AuditTrailProjection(new IdempotentProjection(template), template);
        AdverseEventDetails grade3 = details("Cytokine release syndrome", 3);
        List<ReceivedEvent> events = List.of(
                new ReceivedEvent("e1", "t", REPORTED, "coordinator-s01", new AdverseEventReported("S01-0001", "S01",
                        ONSET, REPORTED, "ae-1", "Cytokine release syndrome", 2, false, "definite", true, "1.0", null,
                        "ASTCT-2019", null, null, List.of(), false, "NOT_RECOVERED", null)),
                new ReceivedEvent("e2", "t", CORRECTED, "investigator-s01", new AdverseEventCorrected("S01-0001", "S01",
                        ONSET, CORRECTED, "ae-1", grade3, List.of("grade"), "vasopressor missed at entry", "1.0")),
                new ReceivedEvent("e3", "t", RECODED, "safety-officer", new AdverseEventRecoded("S01-0001", "S01",
                        ONSET, RECODED, "ae-1", "Cytokine release syndrome", null,
                        new AdverseEventDetails("Cytokine release syndrome", "10052015", ONSET, 3, "ASTCT-2019", null,
                                null, false, List.of(), "definite", true, false, "NOT_RECOVERED", null),
                        "MedDRA code added", "1.0")));
        for (ReceivedEvent e : events) {
            trails.apply(e);
            trails.apply(e);
        }
    }

    private static AdverseEventDetails details(String term, int grade) {
        return new AdverseEventDetails(term, null, ONSET, grade, "ASTCT-2019", null, null, false, List.of(), "definite",
                true, false, "NOT_RECOVERED", null);
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
    void a_correction_is_an_update_with_who_when_why_and_the_old_value() throws Exception {
        Document odm = odm(null);

        assertThat(odm.getDocumentElement().getAttribute("ODMVersion")).isEqualTo("1.3.2");
        List<Element> grade = items(odm, "IT.AE.AETOXGR");
        assertThat(grade).extracting(e -> e.getAttribute("TransactionType")).containsExactly("Insert", "Update");
        assertThat(grade).extracting(e -> e.getAttribute("Value")).containsExactly("2", "3");
        Element update = grade.get(1);
        assertThat(((Element) update.getElementsByTagNameNS("*", "UserRef").item(0)).getAttribute("UserOID"))
                .isEqualTo("investigator-s01");
        assertThat(child(update, "DateTimeStamp")).isEqualTo(CORRECTED.toString());
        assertThat(child(update, "ReasonForChange")).isEqualTo("vasopressor missed at entry (was 2)");
        assertThat(child(update, "SourceID")).isEqualTo("e2");
        assertThat(items(odm, "IT.AE.AELLTCD")).extracting(e -> e.getAttribute("Value")).containsExactly("10052015");
        assertThat(items(odm, "IT.AE.AETERM")).hasSize(1); // a value recorded again unchanged is no change
    }

    @Test
    void as_recorded_before_the_correction_only_the_report_is_there() throws Exception {
        Document odm = odm(CORRECTED.minusSeconds(1));

        assertThat(items(odm, "IT.AE.AETOXGR")).extracting(e -> e.getAttribute("Value")).containsExactly("2");
        assertThat(odm.getElementsByTagNameNS("*", "ReasonForChange").getLength()).isZero();
    }
}
