package org.cartrial.auth;

import java.nio.file.Path;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Sign-in of people: where their accounts are kept, and the one web client (the gateway, as the backend for the
 * browser) that may ask for their tokens with the authorization-code flow and PKCE.
 *
 * @param usersFile the users and their generated passwords (owner-only, made at the first start)
 * @param clientId the web client's id (its secret is kept with the other client secrets)
 * @param redirectUris where the web client may receive the code (the gateway's /login/oauth2/code/{registration})
 */
@ConfigurationProperties("trial.auth.web")
public record WebSignInSettings(Path usersFile, String clientId, List<String> redirectUris) {

    public WebSignInSettings {
        if (usersFile == null) {
            throw new IllegalStateException("trial.auth.web.users-file is not set");
        }
        if (clientId == null || clientId.isBlank()) {
            clientId = "trial-web";
        }
        redirectUris = redirectUris == null ? List.of()
                : redirectUris.stream().map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
    }
}
