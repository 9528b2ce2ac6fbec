package org.cartrial.web.admin;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesRegex;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import org.cartrial.web.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.mock.mockito.MockBean;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.web.servlet.MockMvc;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The admin's screen as rendered, with the services' answers stood in for: sites, protocol versions with an
 * amendment form that starts from the latest version's thresholds, and the people who sign in.
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
