package org.cartrial.web.analysis;

import static org.hamcrest.Matchers.containsString;
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
 * The analyst's screen as rendered, with the services' answers stood in for: the site picker, the ORR with its
 * interval, the curves and swimmer plot for the chosen site, the sealed cut-offs and a refused seal.
 */
@SpringBootTest
@AutoConfigureMockMvc
class AnalystPagesTest {

    @Autowired
    MockMvc mvc;

    @MockBean
    Api api;

    @MockBean
    JwtDecoder tokens;

    final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void anAnalyst() throws Exception {
        when(tokens.decode("analyst")).thenReturn(Jwt.withTokenValue("analyst").header("alg", "RS256")
                .subject("analyst").claim("roles", List.of("analyst")).claim("sites", List.of()).build());
        when(api.authUrl()).thenReturn("http://auth");
    }

    @Test
    void theAnalystSeesTheOrrCurvesAndSealsOfTheChosenSite() throws Exception {
        when(api.get("/api/enrollment/sites")).thenReturn(answer(200, "[{\"siteId\":\"S01\",\"name\":\"One\"}]"));
        when(api.get("/api/outcomes/consort")).thenReturn(answer(200, "{\"overall\":{\"screened\":3}}"));
        when(api.get("/api/outcomes/analyses?asOf=2023-12-31&site=S01")).thenReturn(answer(200, """
                {"recorded_up_to":"2024-01-02T00:00:00Z","report":{"orr":{"count":8,"n":10,"proportion":0.8,
                 "ci_lower":0.444,"ci_upper":0.975}}}"""));
        when(api.get("/api/outcomes/cutoffs")).thenReturn(answer(200, """
                [{"cutoff":"2023-06-30","sealedAt":"2023-07-01T10:00:00Z","sealedBy":"analyst","reason":"DSMB",
                  "contentHash":"ab12"}]"""));
        mvc.perform(get("/app/analyst").param("asOf", "2023-12-31").param("site", "S01")
                        .header("Authorization", "Bearer analyst"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("8 of 10")))
                .andExpect(content().string(containsString("80.0 %, 95 % CI 44.4-97.5 %")))
                .andExpect(content().string(containsString("/app/analyst/curves/swimmer.svg?asOf=2023-12-31&amp;site=S01")))
                .andExpect(content().string(containsString("/app/analyst/exports.zip?asOf=2023-12-31&amp;site=S01")))
                .andExpect(content().string(containsString("/app/analyst/cutoffs/2023-06-30")));
    }

    @Test
    void aRefusedSealShowsTheProblemBesideItsField() throws Exception {
        when(api.post(eq("/api/outcomes/cutoffs"), any())).thenReturn(answer(400, """
                {"title":"Bad Request","detail":"reason: must not be blank","code":"invalid-request",
                 "errors":[{"field":"reason","rule":"NotBlank","message":"must not be blank"}]}"""));
        mvc.perform(post("/app/analyst/cutoffs").header("Authorization", "Bearer analyst")
                        .param("cutoff", "2023-12-31").param("reason", " "))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("Not sealed.")))
                .andExpect(content().string(containsString("reason: must not be blank")));
    }

    private Api.Answer answer(int status, String body) throws Exception {
        return new Api.Answer(status, json.readTree(body));
    }
}
