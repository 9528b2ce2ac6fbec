package org.cartrial.support.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/** The header resolver answers every case as Spring Security's default resolver does, without its regex. */
class BearerTokenHeaderTest {

    private final BearerTokenHeader resolver = new BearerTokenHeader();
    private final DefaultBearerTokenResolver springDefault = new DefaultBearerTokenResolver();

    @Test
    void answers_like_the_default_resolver() {
        List<String> headers = List.of("Bearer abc.DEF-123_~+/xyz==", "bearer abc", "BEARER abc=", "Bearer abc def",
                "Bearer  abc", "Bearer ", "Bearer", "Bearerabc", "Basic dXNlcjpwdw==", "Bearer abc=d", "Bearer =",
                "Bearer abc\u00e9", "Bearer abc ", "Token abc", "");
        for (String header : headers) {
            assertThat(outcome(resolver, header)).as(header).isEqualTo(outcome(springDefault, header));
        }
        assertThat(outcome(resolver, null)).isEqualTo(outcome(springDefault, null));
    }

    @Test
    void refuses_a_malformed_token_as_invalid() {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.addHeader("Authorization", "Bearer not a token");
        assertThatThrownBy(() -> resolver.resolve(request)).isInstanceOf(OAuth2AuthenticationException.class)
                .extracting(e -> ((OAuth2AuthenticationException) e).getError().getErrorCode())
                .isEqualTo("invalid_token");
    }

    private static String outcome(org.springframework.security.oauth2.server.resource.web.BearerTokenResolver resolver,
            String header) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        if (header != null) {
            request.addHeader("Authorization", header);
        }
        try {
            return "token:" + resolver.resolve(request);
        } catch (OAuth2AuthenticationException e) {
            return "refused:" + e.getError().getErrorCode();
        }
    }
}
