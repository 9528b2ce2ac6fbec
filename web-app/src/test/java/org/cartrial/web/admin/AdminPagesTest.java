package org.cartrial.web.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesRegex;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.cartrial.web.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.mock.mockito.MockBean;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.web.servlet.MockMvc;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The admin's screen as rendered, with the services' answers stood in for: sites, the protocol's history, the
 * version in force with every setting by protocol section, an amendment form that starts from the latest version's
 * settings and sends them all, and the people who sign in.
 */
@SpringBootTest
@AutoConfigureMockMvc
class AdminPagesTest {

    @Autowired
    MockMvc mvc;

    @MockBean
    Api api;

    @MockBean
    JwtDecoder tokens;

    final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void anAdmin() throws Exception {
        when(tokens.decode("admin")).thenReturn(Jwt.withTokenValue("admin").header("alg", "RS256").subject("admin")
                .claim("roles", List.of("admin")).claim("sites", List.of()).build());
        when(api.authUrl()).thenReturn("http://auth");
    }

    @Test
    void theAdminSeesSitesProtocolVersionsAndPeople() throws Exception {
        when(api.get("/api/enrollment/sites")).thenReturn(answer(200,
                "[{\"siteId\":\"S01\",\"name\":\"Hospital S01\",\"country\":\"DE\"}]"));
        when(api.get("/api/enrollment/protocol/versions")).thenReturn(answer(200, """
                [{"version":"1.0","effectiveFrom":"2020-01-01","minAgeYears":1,"maxAgeYears":18,"cd19ExpressionAbovePercent":95,
                  "cd22ExpressionAbovePercent":95,"minDose10e6CellsPerKg":0.5,"maxDose10e6CellsPerKg":5.0,"minLansky":50}]"""));
        when(api.getAt("http://auth/admin/users")).thenReturn(answer(200,
                "[{\"name\":\"coordinator.s01\",\"role\":\"site-coordinator\",\"sites\":[\"S01\"]}]"));
        mvc.perform(get("/app/admin").header("Authorization", "Bearer admin"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Hospital S01")))
                .andExpect(content().string(containsString("id=\"version-1.0\"")))
                .andExpect(content().string(matchesRegex("(?s).*id=\"am-minLansky\" name=\"minLansky\"\\s+value=\"50\".*")))
                .andExpect(content().string(containsString("id=\"person-coordinator.s01\"")));
    }

    @Test
    void aRefusedAmendmentShowsEachProblemBesideItsFieldAndKeepsWhatWasTyped() throws Exception {
        when(api.post(eq("/api/enrollment/protocol/amendments"), any())).thenReturn(answer(400, """
                {"detail":"The request has invalid fields.","errors":[{"field":"maxAgeYears","rule":"DecimalMax",
                 "message":"must be less than or equal to 30"},{"field":"reason","rule":"NotBlank","message":"must not be blank"}]}"""));
        mvc.perform(post("/app/admin/protocol/amendments").header("Authorization", "Bearer admin")
                        .param("version", "1.1").param("maxAgeYears", "40").param("minAgeYears", "1"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("id=\"am-maxAgeYears-error\"")))
                .andExpect(content().string(containsString("This number is too large.")))
                .andExpect(content().string(containsString("id=\"am-reason-error\"")))
                .andExpect(content().string(containsString("value=\"40\"")))
                .andExpect(content().string(containsString("value=\"1.1\"")));
    }

    /** Version 1.0 as published, 1.1 in force since 2021 with changed response criteria, 1.2 amended for 2099. */
    private static final String VERSIONS = """
            [{"version":"1.0","effectiveFrom":"2020-01-01","minAgeYears":1,"maxAgeYears":18,"cd19ExpressionAbovePercent":95,
              "cd22ExpressionAbovePercent":95,"mrdPositiveMoreThanMonths":3,"lanskyBelowAgeYears":16,"minLansky":50,
              "minKarnofsky":50,"maxEcog":2,"assentFromAgeYears":12,"minDose10e6CellsPerKg":0.5,"maxDose10e6CellsPerKg":5.0,
              "monitoringPriorAlpha":1,"monitoringPriorBeta":1,"monitoringToxicityRateAbove":0.20,
              "monitoringProbabilityAbove":0.90,"monitoringBoundaryTableSize":50,"saeReportHours":24,
              "crMarrowBlastsBelowPercent":5,"minAncPer10e9L":1.0,"minPlateletsPer10e9L":100,"mrdNegativeBelowPercent":0.01,
              "partialResponseMinReduction":0.5,"partialResponseMaxBlastsPercent":25,"relapseMarrowBlastsAbovePercent":5},
             {"version":"1.1","effectiveFrom":"2021-03-01","minAgeYears":1,"maxAgeYears":18,"cd19ExpressionAbovePercent":95,
              "cd22ExpressionAbovePercent":95,"mrdPositiveMoreThanMonths":3,"lanskyBelowAgeYears":16,"minLansky":50,
              "minKarnofsky":50,"maxEcog":2,"assentFromAgeYears":12,"minDose10e6CellsPerKg":0.5,"maxDose10e6CellsPerKg":5.0,
              "monitoringPriorAlpha":1,"monitoringPriorBeta":1,"monitoringToxicityRateAbove":0.25,
              "monitoringProbabilityAbove":0.85,"monitoringBoundaryTableSize":60,"saeReportHours":48,
              "crMarrowBlastsBelowPercent":4,"minAncPer10e9L":0.75,"minPlateletsPer10e9L":75,"mrdNegativeBelowPercent":0.001,
              "partialResponseMinReduction":0.6,"partialResponseMaxBlastsPercent":20,"relapseMarrowBlastsAbovePercent":6},
             {"version":"1.2","effectiveFrom":"2099-01-01","minAgeYears":1,"maxAgeYears":21,"cd19ExpressionAbovePercent":95,
              "cd22ExpressionAbovePercent":95,"mrdPositiveMoreThanMonths":3,"lanskyBelowAgeYears":16,"minLansky":50,
              "minKarnofsky":50,"maxEcog":2,"assentFromAgeYears":12,"minDose10e6CellsPerKg":0.5,"maxDose10e6CellsPerKg":5.0,
              "monitoringPriorAlpha":1,"monitoringPriorBeta":1,"monitoringToxicityRateAbove":0.25,
              "monitoringProbabilityAbove":0.85,"monitoringBoundaryTableSize":60,"saeReportHours":72,
              "crMarrowBlastsBelowPercent":4,"minAncPer10e9L":0.75,"minPlateletsPer10e9L":75,"mrdNegativeBelowPercent":0.001,
              "partialResponseMinReduction":0.6,"partialResponseMaxBlastsPercent":20,"relapseMarrowBlastsAbovePercent":7}]""";

    @Test
    void theVersionInForceShowsEverySettingBySectionAndTheFormStartsFromTheLatestVersion() throws Exception {
        when(api.get("/api/enrollment/sites")).thenReturn(answer(200, "[]"));
        when(api.get("/api/enrollment/protocol/versions")).thenReturn(answer(200, VERSIONS));
        when(api.getAt("http://auth/admin/users")).thenReturn(answer(200, "[]"));
        String page = mvc.perform(get("/app/admin").header("Authorization", "Bearer admin"))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();

        // the history: every version with its effective date, the one in force today marked
        assertThat(page).contains("id=\"version-1.0\"", "id=\"version-1.1\"", "id=\"version-1.2\"", "2099-01-01");
        assertThat(page).containsPattern("(?s)id=\"version-1.1\".*?<td>yes</td>");
        assertThat(page).contains("In force today: version 1.1, effective from 2021-03-01");
        // every setting of the version in force, under its section, in the trial team's words with units
        assertThat(page).contains("Section 3 – Safety monitoring and reporting", "Section 4 – Response and relapse");
        for (AdminPages.Setting setting : AdminPages.SETTINGS) {
            assertThat(page).contains("id=\"in-force-" + setting.name() + "\"", "id=\"am-" + setting.name() + "\"");
        }
        assertThat(page).containsPattern("(?s)id=\"in-force-saeReportHours\">\\s*<th scope=\"row\">Serious adverse event"
                + " reported to the sponsor within \\(hours\\)</th>\\s*<td>48</td>");
        assertThat(page).containsPattern("(?s)id=\"in-force-minAncPer10e9L\">.*?<td>0.75</td>");
        assertThat(page).containsPattern("(?s)id=\"in-force-relapseMarrowBlastsAbovePercent\">.*?<td>6</td>");
        // the amendment starts from the latest version (1.2), which the service completes an amendment from
        assertThat(page).contains("Every setting starts from the latest version, 1.2 (effective from 2099-01-01)");
        assertThat(page).containsPattern("(?s)id=\"am-saeReportHours\" name=\"saeReportHours\"\\s+value=\"72\"");
        assertThat(page).containsPattern(
                "(?s)id=\"am-relapseMarrowBlastsAbovePercent\" name=\"relapseMarrowBlastsAbovePercent\"\\s+value=\"7\"");
        assertThat(page).containsPattern(
                "(?s)id=\"am-monitoringToxicityRateAbove\" name=\"monitoringToxicityRateAbove\"\\s+value=\"0.25\"");
        assertThat(page).containsPattern(
                "(?s)id=\"am-mrdNegativeBelowPercent\" name=\"mrdNegativeBelowPercent\"\\s+value=\"0.001\"");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theAmendmentSendsEverySettingAsANumber() throws Exception {
        when(api.post(eq("/api/enrollment/protocol/amendments"), any())).thenReturn(answer(201, "{\"version\":\"1.3\"}"));
        var request = post("/app/admin/protocol/amendments").header("Authorization", "Bearer admin")
                .param("version", "1.3").param("effectiveFrom", "2100-01-01").param("reason", "Response criteria");
        Map<String, String> typed = Map.of("saeReportHours", "48", "mrdNegativeBelowPercent", "0,001",
                "partialResponseMinReduction", "0.6");
        for (AdminPages.Setting setting : AdminPages.SETTINGS) {
            request.param(setting.name(), typed.getOrDefault(setting.name(), "1"));
        }
        mvc.perform(request)
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Protocol version 1.3 recorded, effective from 2100-01-01.")));

        ArgumentCaptor<Object> body = ArgumentCaptor.forClass(Object.class);
        verify(api).post(eq("/api/enrollment/protocol/amendments"), body.capture());
        Map<String, Object> sent = (Map<String, Object>) body.getValue();
        assertThat(sent).containsKeys(AdminPages.SETTINGS.stream().map(AdminPages.Setting::name).toArray(String[]::new));
        assertThat(sent).containsEntry("version", "1.3").containsEntry("effectiveFrom", "2100-01-01")
                .containsEntry("saeReportHours", new BigDecimal("48"))
                .containsEntry("mrdNegativeBelowPercent", new BigDecimal("0.001"))
                .containsEntry("partialResponseMinReduction", new BigDecimal("0.6"))
                .containsEntry("relapseMarrowBlastsAbovePercent", new BigDecimal("1"))
                .containsEntry("monitoringPriorAlpha", new BigDecimal("1"));
    }

    @Test
    void aRefusedResponseCriterionOrSafetySettingIsShownBesideItsFieldKeepingWhatWasTyped() throws Exception {
        // a rule the service's validation names (SAE hours) and one the protocol's rules name (MRD threshold)
        when(api.post(eq("/api/enrollment/protocol/amendments"), any())).thenReturn(answer(400, """
                {"detail":"The request has invalid fields.","errors":[{"field":"saeReportHours","rule":"Max",
                 "message":"must be less than or equal to 168"},{"field":"mrdNegativeBelowPercent",
                 "rule":"response-criteria-invalid","message":"The response criteria cannot be applied with mrdNegativeBelowPercent"}]}"""));
        mvc.perform(post("/app/admin/protocol/amendments").header("Authorization", "Bearer admin")
                        .param("version", "1.3").param("saeReportHours", "500").param("mrdNegativeBelowPercent", "150")
                        .param("minPlateletsPer10e9L", "80"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(matchesRegex("(?s).*id=\"am-saeReportHours-error\">\\s*<p>This number is too large\\."
                        + " \\(must be less than or equal to 168\\)</p>.*")))
                .andExpect(content().string(matchesRegex("(?s).*id=\"am-mrdNegativeBelowPercent-error\">\\s*<p>The response"
                        + " criteria cannot be applied with mrdNegativeBelowPercent</p>.*")))
                .andExpect(content().string(matchesRegex("(?s).*id=\"am-saeReportHours\" name=\"saeReportHours\"\\s+value=\"500\".*")))
                .andExpect(content().string(matchesRegex(
                        "(?s).*id=\"am-mrdNegativeBelowPercent\" name=\"mrdNegativeBelowPercent\"\\s+value=\"150\".*")))
                .andExpect(content().string(matchesRegex(
                        "(?s).*id=\"am-minPlateletsPer10e9L\" name=\"minPlateletsPer10e9L\"\\s+value=\"80\".*")))
                .andExpect(content().string(containsString("Section 4 – Response and relapse")));
    }

    @Test
    void anAddedPersonsFirstPasswordIsShownOnce() throws Exception {
        when(api.post(eq("http://auth/admin/users"), any(), eq(null))).thenReturn(answer(201,
                "{\"name\":\"coordinator.s06\",\"role\":\"site-coordinator\",\"sites\":[\"S06\"],\"password\":\"p4ss\"}"));
        mvc.perform(post("/app/admin/users").header("Authorization", "Bearer admin")
                        .param("name", "coordinator.s06").param("role", "site-coordinator").param("site", "S06"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("User coordinator.s06 added. Their first password (shown once): p4ss")));
    }

    private Api.Answer answer(int status, String body) throws Exception {
        return new Api.Answer(status, json.readTree(body));
    }
}
