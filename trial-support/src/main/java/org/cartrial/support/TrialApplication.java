package org.cartrial.support;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts one service of the platform: its own {@code <name>.yml} on top of the shared {@code trial-service.yml},
 * and no call home from Axon (a clinical system talks only to what it is configured to talk to).
 */
public final class TrialApplication {

    private TrialApplication() {
    }

    public static ConfigurableApplicationContext run(Class<?> application, String serviceName, String... args) {
        System.setProperty("axoniq.update-checker.disabled", "true");
        System.setProperty("disable-axoniq-console-message", "true");
        List<String> arguments = new ArrayList<>();
        arguments.add("--spring.config.name=trial-service," + serviceName);
        arguments.addAll(List.of(args));
        return SpringApplication.run(application, arguments.toArray(String[]::new));
    }
}
