package org.cartrial.web.site;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Map;

import org.cartrial.web.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.mock.mockito.MockBean;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The site screens as rendered, with the services' answers stood in for: a refused save shows each problem beside
 * its field with what was typed kept and the service's status; the CD22 gate's reasons and evidence are shown; a
 * subject the services refuse (another site's) is a refusal page without any of its data or forms.
 */
@SpringBootTest
@AutoConfigureMockMvc
class SitePagesTest {

    static final String SUBJECT = "/app/subjects/S01-0001";

    @Autowired
    MockMvc mvc;

    @MockBean
    Api api;

    @MockBean
    JwtDecoder tokens;

    final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void aSiteCoordinatorOfS01() {
        when(tokens.decode("coordinator")).thenReturn(Jwt.withTokenValue("coordinator").header("alg", "RS256")
                .subject("coordinator.s01").claim("roles", List.of("site-coordinator")).claim("sites", List.of("S01"))
                .build());
    }

    @Test
    void aRefusedResponseAssessmentShowsEachProblemBesideItsFieldAndKeepsWhatWasTyped() throws Exception {
        when(api.post(eq("/api/outcomes/subjects/S01-0001/response-assessments"), any())).thenReturn(answer(400, """
                {"title":"Bad Request","detail":"The request has invalid fields.","errors":[
                 {"field":"marrowBlastsPercent","rule":"DecimalMax","message":"must be less than or equal to 100"},
                 {"field":"assess.r.investigatorResponse","rule":"NotNull","message":"must not be null"}]}"""));
        mvc.perform(signedIn(post(SUBJECT + "/response-assessments")).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .param("assessmentId", "day-28").param("marrowBlastsPercent", "150").param("mrdPercent", "0.5")
                        .param("cnsStatus", "CNS2"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("Nothing was recorded.")))
                .andExpect(content().string(containsString("id=\"ra-marrowBlastsPercent-error\"")))
                .andExpect(content().string(containsString("This number is too large. (must be less than or equal to 100)")))
                .andExpect(content().string(containsString("id=\"ra-investigatorResponse-error\"")))
                .andExpect(content().string(containsString("value=\"150\"")))
                .andExpect(content().string(containsString("value=\"0.5\"")))
                .andExpect(content().string(containsString("value=\"CNS2\" selected")));
    }

    @Test
    void aRecordedAssessmentShowsTheDerivedResponseAndMrd() throws Exception {
        when(api.post(eq("/api/outcomes/subjects/S01-0001/response-assessments"), any())).thenReturn(answer(201,
                "{\"derivedResponse\":\"CR\",\"mrdNegative\":false}"));
        mvc.perform(signedIn(post(SUBJECT + "/response-assessments")).param("assessmentId", "day-28"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Derived response: CR; MRD positive.")));
    }

    @Test
    void aLymphodepletionShowsTheBodySurfaceArea() throws Exception {
        when(api.post(eq("/api/infusion/lymphodepletions"), any())).thenReturn(answer(201, "{\"bodySurfaceAreaM2\":0.97}"));
        mvc.perform(signedIn(post(SUBJECT + "/lymphodepletion")).param("beforeProduct", "CD19").param("heightCm", "128"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Body surface area (Mosteller): 0.97 m²")));
    }

    @Test
    void aClosedCd22GateShowsItsReasonsBesideTheProductAndItsEvidence() throws Exception {
        when(api.post(eq("/api/infusion/infusions"), any())).thenReturn(answer(422, """
                {"detail":"The CD22 gate is closed.","code":"cd22-gate-closed","errors":[{"field":"latestResponseAssessment",
                 "rule":"mrd-not-negative","message":"The latest response assessment (day-28 on 2026-11-24) is CR with MRD positive; CD22 CAR-T needs MRD-negative CR or CRi."}],
                 "cd22Gate":{"gateOpen":false,"closedBecause":["mrd-not-negative"],
                  "latestAssessment":{"assessmentId":"day-28","assessedOn":"2026-11-24","derivedResponse":"CR","mrdNegative":false},
                  "openAdverseEvents":[{"ctcaeTerm":"Cytokine release syndrome","grade":2}]}}"""));
        mvc.perform(signedIn(post(SUBJECT + "/infusion")).param("product", "CD22").param("dose", "2.0")
                        .param("productLot", "LOT-CD22-1"))
                .andExpect(status().isUnprocessableEntity())
                .andExpect(content().string(containsString("id=\"inf-product-error\"")))
                .andExpect(content().string(containsString("CD22 CAR-T needs MRD-negative CR or CRi.")))
                .andExpect(content().string(containsString("Latest response assessment: day-28 on 2026-11-24, CR, MRD positive")))
                .andExpect(content().string(containsString("Open adverse event: Cytokine release syndrome, grade 2")))
                .andExpect(content().string(containsString("value=\"LOT-CD22-1\"")));
    }

    @Test
    void theSubjectPageHasAFormForEachStepOfTheCourse() throws Exception {
        when(api.get("/api/enrollment/subjects/S01-0001")).thenReturn(answer(200, "{\"status\":\"on-study\"}"));
        when(api.get("/api/infusion/subjects/S01-0001/readiness")).thenReturn(answer(200, """
                {"cd22Gate":{"open":false,"reasons":[{"message":"No response assessment is recorded on or before today."}]},
                 "assessments":[]}"""));
        mvc.perform(signedIn(get(SUBJECT)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("The CD22 gate is closed today.")))
                .andExpect(content().string(containsString("No response assessment is recorded")))
                .andExpect(content().string(containsString("for=\"ra-marrowBlastsPercent\"")))
                .andExpect(content().string(containsString("id=\"record-follow-up\"")))
                .andExpect(content().string(containsString("id=\"record-relapse\"")))
                .andExpect(content().string(containsString("id=\"record-death\"")))
                .andExpect(content().string(containsString("id=\"record-adverse-event\"")))
                .andExpect(content().string(containsString("id=\"record-withdrawal\"")))
                .andExpect(content().string(containsString("/app/subjects/S01-0001/timeline")));
    }

    @Test
    void aCrsIsSentWithItsFindingsAndAnsweredWithTheComputedGrade() throws Exception {
        when(api.post(eq("/api/safety/adverse-events"), any())).thenReturn(answer(201, """
                {"ctcaeTerm":"Cytokine release syndrome","grade":2,"gradingScale":"ASTCT-2019","susar":false}"""));
        mvc.perform(signedIn(post(SUBJECT + "/adverse-events")).param("ctcaeTerm", "Cytokine release syndrome")
                        .param("maxTemperatureCelsius", "39.2").param("hypotension", "true")
                        .param("oxygenDevice", "NASAL_CANNULA").param("oxygenFlowLitresPerMinute", "2")
                        .param("serious", "true").param("seriousnessCriterion", "HOSPITALISATION"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Adverse event recorded: Cytokine release syndrome, grade 2 (ASTCT-2019).")));
        verify(api).post(eq("/api/safety/adverse-events"), org.mockito.ArgumentMatchers.<Map<String, Object>>argThat(body ->
                body.get("crs") instanceof Map<?, ?> crs && "NASAL_CANNULA".equals(crs.get("oxygenDevice"))
                        && Boolean.TRUE.equals(crs.get("hypotension")) && body.get("icans") == null
                        && List.of("HOSPITALISATION").equals(body.get("seriousnessCriteria"))));
    }

    @Test
    void aRefusedCrsNamesTheFindingBesideItsField() throws Exception {
        when(api.post(eq("/api/safety/adverse-events"), any())).thenReturn(answer(400, """
                {"detail":"The request has invalid fields.","errors":[{"field":"crs.maxTemperatureCelsius","rule":"DecimalMax",
                 "message":"must be less than or equal to 45.0"}]}"""));
        mvc.perform(signedIn(post(SUBJECT + "/adverse-events")).param("ctcaeTerm", "Cytokine release syndrome")
                        .param("maxTemperatureCelsius", "392").param("oxygenDevice", "NONE"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("id=\"ae-maxTemperatureCelsius-error\"")))
                .andExpect(content().string(containsString("value=\"392\"")));
    }

    @Test
    void anotherSitesSubjectIsARefusalWithNoneOfItsData() throws Exception {
        when(api.get("/api/enrollment/subjects/S02-0001")).thenReturn(answer(404,
                "{\"detail\":\"No subject S02-0001 at your sites.\"}"));
        mvc.perform(signedIn(get("/app/subjects/S02-0001")))
                .andExpect(status().isNotFound())
                .andExpect(content().string(containsString("No subject S02-0001 at your sites.")))
                .andExpect(content().string(not(containsString("Status:"))))
                .andExpect(content().string(not(containsString("<form"))));
        verify(api, never()).get("/api/infusion/subjects/S02-0001/readiness");
    }

    @Test
    void theTimelineListsEveryEventWithWhoAndWhy() throws Exception {
        when(api.get("/api/outcomes/subjects/S01-0001/timeline")).thenReturn(answer(200, """
                {"subjectId":"S01-0001","siteId":"S01","entries":[
                 {"eventId":"e1","event":"SubjectScreened","occurredOn":"2026-11-20","recordedAt":"2026-11-20T09:00:00Z","recordedBy":"coordinator.s01"},
                 {"eventId":"e2","event":"SubjectWithdrawn","occurredOn":"2026-11-30","recordedAt":"2026-11-30T09:00:00Z","recordedBy":"investigator.s01","reason":"guardian's wish"}]}"""));
        mvc.perform(signedIn(get(SUBJECT + "/timeline")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("SubjectScreened")))
                .andExpect(content().string(containsString("investigator.s01")))
                .andExpect(content().string(containsString("guardian&#39;s wish")));
    }

    @Test
    void noPersonsTokenNoPage() throws Exception {
        mvc.perform(get(SUBJECT)).andExpect(status().isUnauthorized());
    }

    private static MockHttpServletRequestBuilder signedIn(MockHttpServletRequestBuilder request) {
        return request.header("Authorization", "Bearer coordinator");
    }

    private Api.Answer answer(int status, String body) throws Exception {
        return new Api.Answer(status, json.readTree(body));
    }

}
