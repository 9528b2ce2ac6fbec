package org.cartrial.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;

/** Where the APIs are, and how the relayed token is checked (the services' key, issuer and audience). */
@ConfigurationProperties("trial.web")
public record WebSettings(String apiUrl, String authUrl, Resource publicKeyLocation, String issuer, String audience) {
}
