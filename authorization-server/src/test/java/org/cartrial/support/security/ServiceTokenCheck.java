package org.cartrial.support.security;

import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/** The services' own token check ({@link ServiceSecurityConfiguration}), opened for the authorization server's tests. */
public final class ServiceTokenCheck {

    /** What a service sees of a token: the caller and its authorities. */
    public record Seen(Caller caller, Set<String> authorities) {
    }

    private ServiceTokenCheck() {
    }

    /** Decodes and validates the token exactly as a service does; throws a JwtException when it refuses it. */
    public static Seen check(JwtSettings settings, String token) {
        Jwt jwt = new ServiceSecurityConfiguration().jwtDecoder(settings).decode(token);
        Set<String> authorities = ServiceSecurityConfiguration.trialAuthenticationConverter().convert(jwt)
                .getAuthorities().stream().map(GrantedAuthority::getAuthority).collect(Collectors.toSet());
        return new Seen(Caller.fromJwt(jwt), authorities);
    }
}
