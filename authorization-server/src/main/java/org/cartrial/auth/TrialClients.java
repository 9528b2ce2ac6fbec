package org.cartrial.auth;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The clients of the local authorization server: one per cross-site role ({@code safety-officer}, {@code analyst},
 * {@code admin}, {@code monitor} for the metrics scraper) and one per site-bound role and site ({@code site-coordinator-S01}, {@code investigator-S01}, ...).
 * Their secrets are made at the first start and kept in a properties file readable only by its owner; a site added
 * later gets its clients (and secrets) at the next start, and the secrets of the others stay.
 */
final class TrialClients {

    /** The roles in the words of the tokens' {@code roles} claim; the first two act for one site. */
    static final List<String> SITE_BOUND_ROLES = List.of("site-coordinator", "investigator");
    static final List<String> CROSS_SITE_ROLES = List.of("safety-officer", "analyst", "admin", "monitor");

    /** A client: its id, its one role, the sites it acts for (empty for the cross-site roles), its secret. */
    record Client(String id, String role, List<String> sites, String secret) {

        Client {
            sites = List.copyOf(sites);
        }
    }

    private final Map<String, Client> clients;

    private TrialClients(Map<String, Client> clients) {
        this.clients = clients;
    }

    /** The clients of the configured sites, with the secrets from the file; missing secrets are made and saved. */
    static TrialClients load(List<String> sites, Path secretsFile) {
        Properties secrets = read(secretsFile);
        boolean changed = false;
        SecureRandom random = new SecureRandom();
        Map<String, Client> clients = new LinkedHashMap<>();
        List<String[]> definitions = new ArrayList<>();
        for (String role : CROSS_SITE_ROLES) {
            definitions.add(new String[] {role, role, null});
        }
        for (String site : sites) {
            for (String role : SITE_BOUND_ROLES) {
                definitions.add(new String[] {role + "-" + site, role, site});
            }
        }
        for (String[] definition : definitions) {
            String id = definition[0];
            String secret = secrets.getProperty(id);
            if (secret == null || secret.isBlank()) {
                byte[] bytes = new byte[32];
                random.nextBytes(bytes);
                secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
                secrets.setProperty(id, secret);
                changed = true;
            }
            clients.put(id, new Client(id, definition[1], definition[2] == null ? List.of() : List.of(definition[2]),
                    secret));
        }
        if (changed) {
            write(secretsFile, secrets);
        }
        return new TrialClients(clients);
    }

    /**
     * The secret of a client that is not a role's client (the gateway's web sign-in client): made at the first start
     * and kept in the same owner-only file.
     */
    static synchronized String secretOf(String clientId, Path secretsFile) {
        Properties secrets = read(secretsFile);
        String secret = secrets.getProperty(clientId);
        if (secret == null || secret.isBlank()) {
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            secrets.setProperty(clientId, secret);
            write(secretsFile, secrets);
        }
        return secret;
    }

    List<Client> all() {
        return List.copyOf(clients.values());
    }

    Optional<Client> byId(String id) {
        return Optional.ofNullable(clients.get(id));
    }

    private static Properties read(Path file) {
        return SecretFile.read(file, "client secrets");
    }

    private static void write(Path file, Properties secrets) {
        SecretFile.write(file, "client secrets of the local authorization server (made at its first start; never commit)",
                secrets, "client secrets");
    }
}
