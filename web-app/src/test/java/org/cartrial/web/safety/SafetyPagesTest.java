package org.cartrial.web.safety;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
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

/** The safety officer's screen as rendered: the stream's filters carried into its address, the monitoring rule. */
@SpringBootTest
@AutoConfigureMockMvc
class SafetyPagesTest {

    @Autowired
    MockMvc mvc;

    @MockBean
    Api api;

    @MockBean
    JwtDecoder tokens;

    final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void aSafetyOfficer() throws Exception {
        when(tokens.decode("safety")).thenReturn(Jwt.withTokenValue("safety").header("alg", "RS256")
                .subject("safety.officer").claim("roles", List.of("safety-officer")).claim("sites", List.of()).build());
        when(api.authUrl()).thenReturn("http://auth");
        when(api.get("/api/safety/deadlines")).thenReturn(answer(200, "[]"));
        when(api.get("/api/safety/monitoring-rule")).thenReturn(answer(200, """
                {"rule":"Beta(1,1) prior; signal when P(rate > 0.2) > 0.9","infusedSubjects":12,"subjectsWithToxicity":4,
                 "posteriorProbability":0.8312,"boundary":5,"signalling":false,
                 "boundaryTable":[{"infusedSubjects":12,"signalsFrom":5}]}"""));
    }

    @Test
    void theFiltersGoIntoTheStreamsAddressAndTheRuleIsShown() throws Exception {
        mvc.perform(get("/app/safety").param("minGrade", "3").param("seriousOnly", "true").param("site", "S01")
                        .header("Authorization", "Bearer safety"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(
                        "data-stream=\"/app/safety/stream?minGrade=3&amp;seriousOnly=true&amp;site=S01\"")))
                .andExpect(content().string(containsString("Not signalling")))
                .andExpect(content().string(containsString("0.831")));
    }

    @Test
    void whatIsNotAGradeOrASiteIsDroppedSoTheStreamStillOpens() throws Exception {
        mvc.perform(get("/app/safety").param("minGrade", "9").param("site", "s01;drop")
                        .header("Authorization", "Bearer safety"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("data-stream=\"/app/safety/stream\"")));
    }

    private Api.Answer answer(int status, String body) throws Exception {
        return new Api.Answer(status, json.readTree(body));
    }
}
