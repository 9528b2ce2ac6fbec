package org.cartrial.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * The only authorizations this server keeps: a person's sign-in between the code being issued and the code being
 * exchanged. Issued tokens are self-contained JWTs nobody looks up again, so an authorization that has its access
 * token is dropped (the code then works once: a second exchange finds nothing), and one left unexchanged is dropped
 * after ten minutes: nothing grows with the tokens issued. (Introspection and revocation therefore know no token.)
 */
final class PendingSignIns implements OAuth2AuthorizationService {

    private static final Duration KEPT = Duration.ofMinutes(10);

    private record Pending(OAuth2Authorization authorization, Instant since) {
    }

    private final Map<String, Pending> byId = new ConcurrentHashMap<>();

    @Override
    public void save(OAuth2Authorization authorization) {
        byId.values().removeIf(p -> p.since().plus(KEPT).isBefore(Instant.now()));
        if (!AuthorizationGrantType.AUTHORIZATION_CODE.equals(authorization.getAuthorizationGrantType())
                || authorization.getAccessToken() != null) {
            byId.remove(authorization.getId());
            return;
        }
        byId.put(authorization.getId(), new Pending(authorization, Instant.now()));
    }

    @Override
    public void remove(OAuth2Authorization authorization) {
        byId.remove(authorization.getId());
    }

    @Override
    public OAuth2Authorization findById(String id) {
        Pending pending = byId.get(id);
        return pending == null ? null : pending.authorization();
    }

    @Override
    public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
        for (Pending pending : byId.values()) {
            OAuth2Authorization a = pending.authorization();
            boolean state = token.equals(a.getAttribute(OAuth2ParameterNames.STATE));
            OAuth2Authorization.Token<OAuth2AuthorizationCode> code = a.getToken(OAuth2AuthorizationCode.class);
            boolean isCode = code != null && token.equals(code.getToken().getTokenValue());
            if (tokenType == null ? state || isCode
                    : OAuth2ParameterNames.STATE.equals(tokenType.getValue()) ? state
                    : OAuth2ParameterNames.CODE.equals(tokenType.getValue()) && isCode) {
                return a;
            }
        }
        return null;
    }
}
