package org.cartrial.localstack;

import java.util.Arrays;
import java.util.List;

/** The processes the embedded system is made of, in the order they start (and the reverse order they stop). */
public enum Component {

    KAFKA("kafka", Tier.INFRASTRUCTURE, "local-stack", null, null, "-Xmx512m"),
    MONGO("mongo", Tier.INFRASTRUCTURE, "local-stack", null, null, "-Xmx384m"),
    /** The local authorization server: issues the client-credentials tokens the services and the gateway check. */
    AUTHORIZATION("authorization-server", Tier.INFRASTRUCTURE, "authorization-server", "AUTH_SERVER_PORT", null, "-Xmx192m",
            Jit.QUICK),
    ENROLLMENT("enrollment-service", Tier.SERVICE, "enrollment-service", "ENROLLMENT_PORT", "ENROLLMENT_URL", "-Xmx384m"),
    INFUSION("infusion-service", Tier.SERVICE, "infusion-service", "INFUSION_PORT", "INFUSION_URL", "-Xmx384m"),
    SAFETY("safety-service", Tier.SERVICE, "safety-service", "SAFETY_PORT", "SAFETY_URL", "-Xmx384m"),
    OUTCOMES("outcomes-service", Tier.SERVICE, "outcomes-service", "OUTCOMES_PORT", "OUTCOMES_URL", "-Xmx384m"),
    /** The web application behind the gateway's /app route; started with the gateway, stopped with it. */
    WEB_APP("web-app", Tier.GATEWAY, "web-app", "WEB_APP_PORT", "WEB_APP_URL", "-Xmx160m", Jit.QUICK),
    GATEWAY("gateway", Tier.GATEWAY, "gateway", "GATEWAY_PORT", null, "-Xmx384m");

    /**
     * Start-up and stop order: the infrastructure starts first (the services need the broker and Mongo); the
     * services, the web application and the gateway then start together, and the system counts as up once every one
     * of them answers. Stopping goes tier by tier the other way round, so the services can still flush to Kafka while
     * they shut down.
     */
    public enum Tier { INFRASTRUCTURE, SERVICE, GATEWAY }

    /**
     * How much the JIT compiles. Every command crosses the broker, Mongo, the services and the gateway: their hot
     * paths are worth C2 (measured here: 8.3 ms of CPU per screening over all processes in steady state with C2,
     * 22 ms with C1 alone). The authorization server (a token per client and hour) and the web application (pages
     * for people) carry no command traffic; C2 would only cost them CPU at start-up, when six processes share two
     * cores (C2's compiler threads are about half of a fresh platform's start-up CPU), and code-cache memory.
     * <p>
     * FULL keeps the JDK's code cache for tiered compilation (240 MB reserved; only what is used is resident). With
     * 80 MB a service filled it (max_used 67 MB) and the sweeper flushed code that was still warm, so the JIT never
     * settled: 11,000 compilations and 26 s of compiler CPU in enrollment-service during its sixth round of 3,000
     * screenings, a compile queue of 2,200 methods, and about half the platform's CPU per command.
     */
    enum Jit {
        FULL(List.of("-XX:ReservedCodeCacheSize=240m")),
        QUICK(List.of("-XX:TieredStopAtLevel=1", "-XX:ReservedCodeCacheSize=48m"));

        private final List<String> options;

        Jit(List<String> options) {
            this.options = options;
        }

        List<String> options() {
            return options;
        }
    }

    private final String id;
    private final Tier tier;
    private final String module;
    private final String portVariable;
    private final String urlVariable;
    private final String heap;
    private final Jit jit;

    Component(String id, Tier tier, String module, String portVariable, String urlVariable, String heap) {
        this(id, tier, module, portVariable, urlVariable, heap, Jit.FULL);
    }

    Component(String id, Tier tier, String module, String portVariable, String urlVariable, String heap, Jit jit) {
        this.id = id;
        this.tier = tier;
        this.module = module;
        this.portVariable = portVariable;
        this.urlVariable = urlVariable;
        this.heap = heap;
        this.jit = jit;
    }

    /** The name used for its log file, pid file and in messages, e.g. {@code outcomes-service}. */
    public String id() {
        return id;
    }

    public Tier tier() {
        return tier;
    }

    /** The Maven module whose {@code -exec.jar} runs it. */
    String module() {
        return module;
    }

    /** The environment variable the process reads its HTTP port from (services, gateway, authorization server). */
    String portVariable() {
        return portVariable;
    }

    /** The environment variable the gateway reads this service's base URL from. */
    String urlVariable() {
        return urlVariable;
    }

    String heap() {
        return heap;
    }

    Jit jit() {
        return jit;
    }

    /** Answers {@code /actuator/health} (a Spring Boot process); Kafka and Mongo only accept connections. */
    public boolean hasHttpHealth() {
        return tier != Tier.INFRASTRUCTURE || this == AUTHORIZATION;
    }

    public static List<Component> inTier(Tier tier) {
        return Arrays.stream(values()).filter(c -> c.tier == tier).toList();
    }

    public static Component named(String id) {
        return Arrays.stream(values()).filter(c -> c.id.equals(id) || c.name().equalsIgnoreCase(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no component named '" + id + "'; known: "
                        + Arrays.stream(values()).map(Component::id).toList()));
    }
}
