package org.cartrial.auth;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The local authorization server of the embedded default: Spring Authorization Server issuing client-credentials
 * tokens, one client per role (and per site for the site-bound roles), signed RS256 with the key pair under the
 * data folder, so the services' and the gateway's key-file check accepts them. Production uses its own identity
 * provider instead (docker-compose: Keycloak) and does not run this.
 */
@SpringBootApplication
@EnableConfigurationProperties({AuthSettings.class, WebSignInSettings.class})
public class AuthorizationServerApplication {

    public static void main(String[] args) {
        SpringApplication.run(AuthorizationServerApplication.class, args);
    }
}
