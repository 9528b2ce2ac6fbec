package org.cartrial.localstack;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.cartrial.localstack.Component.Tier;

/**
 * The whole platform on one machine, each part in its own JVM: the Kafka broker, the MongoDB-wire server and the
 * local authorization server, then the four services in parallel, then the gateway. The {@code up} command, the end-to-end tests and fault
 * injection all start it the same way; children are configured only through environment variables, the same ones
 * docker-compose sets.
 *
 * <p>Every child's output goes to {@code DIR/logs/<name>.log} and its pid to {@code DIR/run/<name>.pid}, so that
 * {@link #stopRunning} in another terminal can find and stop a system started elsewhere.
 *
 * <p>Once the system is up, the launcher supervises it: a child that dies without being asked to is started again
 * with the same ports, data and environment after a growing pause, until it has died too often ({@link Restarts});
 * the cause and the tail of the child's log go to the launcher's progress output, and the restarts to
 * {@code DIR/run/<name>.restarts} for {@code status}.
 */
public final class EmbeddedSystem implements AutoCloseable {

    /**
     * Small heaps and the serial collector: seven JVMs share a laptop. These processes run for hours, so C2 compiles
     * their hot paths (C1 only cost several times the CPU per command, issue 10); the code cache is sized per JIT mode
     * ({@link Component.Jit}). The heap starts small: without -Xms the JVM commits 1/64 of the machine's
     * memory at once (the whole -Xmx on a 24 GB machine), and the serial collector gives heap back after a burst.
     */
    static final List<String> COMMON_JVM_FLAGS = List.of("-XX:+UseSerialGC",
            "-Xms48m", "-XX:MinHeapFreeRatio=20", "-XX:MaxHeapFreeRatio=40",
            "-Daxoniq.update-checker.disabled=true", "-Ddisable-axoniq-console-message=true");

    /** The first Java 17 update this was checked with that has -XX:TrimNativeHeapInterval (older ones refuse to start). */
    private static final Runtime.Version TRIMS_NATIVE_HEAP = Runtime.Version.parse("17.0.15");

    private static final Duration POLL = Duration.ofMillis(250);

    private final Path dataDir;
    private final String host;
    private final Ports ports;
    private final ExecJars jars;
    private final Map<Component, Map<String, String>> extraEnvironment;
    private final String jwtPublicKey;
    private final String jwtIssuer;
    private final List<String> authSites;
    private final Duration startupTimeout;
    private final Duration stopTimeout;
    private final PrintStream progress;
    private final RunFolder run;

    private final Map<Component, ChildProcess> processes = new EnumMap<>(Component.class);
    private final Map<Component, Restarts> restarts = new EnumMap<>(Component.class);
    /** Restarts and readiness watches run here, never in the JDK's process reaper thread that reports an exit. */
    private final ScheduledExecutorService supervisor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "trial-supervisor");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean closing;
    private volatile boolean up;
    private Duration startupTime;

    private EmbeddedSystem(Builder builder) {
        this.dataDir = builder.dataDir.toAbsolutePath().normalize();
        this.host = builder.host;
        this.ports = builder.ports;
        this.jars = new ExecJars(builder.root == null ? null : builder.root.toAbsolutePath().normalize());
        builder.jars.forEach(jars::set);
        this.extraEnvironment = new EnumMap<>(Component.class);
        builder.environment.forEach((c, env) -> extraEnvironment.put(c, Map.copyOf(env)));
        this.jwtPublicKey = builder.jwtPublicKey;
        this.jwtIssuer = builder.jwtIssuer;
        this.authSites = builder.authSites;
        this.startupTimeout = builder.startupTimeout;
        this.stopTimeout = builder.stopTimeout;
        this.progress = builder.progress;
        this.run = new RunFolder(dataDir);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts everything and returns when the gateway answers healthy. Throws {@link StartupFailure} naming the
     * process that did not come up (with the tail of its log) after stopping whatever had started.
     */
    public synchronized void start() {
        if (!processes.isEmpty()) {
            throw new IllegalStateException("already started");
        }
        closing = false;
        Instant begun = Instant.now();
        jars.checkAll(List.of(Component.values()));
        clearLeftovers();
        restarts.clear();
        Arrays.stream(Component.values()).forEach(c -> run.forgetRestarts(c.id()));
        // the authorization server signs with the pair, whichever key the services are told to trust
        JwtKeys.ensure(dataDir);
        run.record(RunFolder.LAUNCHER, ProcessHandle.current());
        progress.printf("starting the trial platform from %s%n", dataDir);
        try {
            Instant deadline = begun.plus(startupTimeout);
            // Kafka, Mongo and the authorization server first (the services need the first two to start); the
            // gateway needs no service to start, so it starts beside them rather than after them
            startTogether(Component.inTier(Tier.INFRASTRUCTURE), deadline);
            List<Component> rest = new ArrayList<>();
            Arrays.stream(Tier.values()).filter(tier -> tier != Tier.INFRASTRUCTURE)
                    .forEach(tier -> rest.addAll(Component.inTier(tier)));
            startTogether(rest, deadline);
        } catch (RuntimeException e) {
            stopAll();
            throw e;
        }
        startupTime = Duration.between(begun, Instant.now());
        run.writeEndpoints(endpoints());
        up = true;
    }

    /** Stops everything: the gateway first, then the services, Kafka and Mongo last. Safe to call twice. */
    public void stop() {
        closing = true; // seen by a start-up still waiting in another thread, which then gives up
        synchronized (this) {
            stopAll();
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** Stops one process with SIGTERM (graceful), as an operator or orchestrator would. */
    public synchronized void stop(Component component) {
        Optional.ofNullable(processes.get(component)).ifPresent(child -> stopTogether(List.of(child)));
    }

    /** Starts one process again with the same ports, data and environment, and waits until it is ready. */
    public synchronized void start(Component component) {
        if (isRunning(component)) {
            throw new IllegalStateException(component.id() + " is already running");
        }
        closing = false;
        startTogether(List.of(component), Instant.now().plus(startupTimeout));
    }

    public synchronized void restart(Component component) {
        stop(component);
        start(component);
    }

    /** Ends one process with SIGKILL, as a crash or the OOM killer would: no shutdown hooks, no flush. */
    public synchronized void kill9(Component component) {
        ChildProcess child = processes.remove(component);
        if (child != null) {
            child.kill();
            run.forget(component.id());
            progress.printf("  %-20s killed (SIGKILL)%n", component.id());
        }
    }

    public synchronized boolean isRunning(Component component) {
        ChildProcess child = processes.get(component);
        return child != null && child.isRunning();
    }

    public synchronized Optional<ProcessHandle> process(Component component) {
        return Optional.ofNullable(processes.get(component)).filter(ChildProcess::isRunning)
                .map(ChildProcess::handle);
    }

    public Duration startupTime() {
        return startupTime;
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path logFile(Component component) {
        return dataDir.resolve("logs").resolve(component.id() + ".log");
    }

    public Path logDir() {
        return dataDir.resolve("logs");
    }

    public Ports ports() {
        return ports;
    }

    public String host() {
        return host;
    }

    /** The people who sign in at the authorization server (made at its first start): their names. */
    public String demoUsers() {
        Path file = usersFile();
        if (!Files.exists(file)) {
            return "(made at the authorization server's first start)";
        }
        Properties users = new Properties();
        try (var in = Files.newBufferedReader(file)) {
            users.load(in);
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
        return String.join(", ", new java.util.TreeSet<>(users.stringPropertyNames()));
    }

    /** The owner-only file with the people's generated passwords. */
    public Path usersFile() {
        return dataDir.resolve("auth").resolve("users.properties");
    }

    private String webClientSecret() {
        Properties secrets = new Properties();
        try (var in = Files.newBufferedReader(dataDir.resolve("auth").resolve("client-secrets.properties"))) {
            secrets.load(in);
        } catch (IOException e) {
            return "";
        }
        return secrets.getProperty("trial-web", "");
    }

    public String gatewayUrl() {
        return url(Component.GATEWAY);
    }

    /** The base URL of a service or the gateway, e.g. {@code http://127.0.0.1:8084}. */
    public String url(Component component) {
        return "http://" + hostForUrl(host) + ":" + ports.of(component);
    }

    public String kafkaBootstrap() {
        return hostForUrl(host) + ":" + ports.kafka();
    }

    /** The local authorization server, e.g. {@code http://127.0.0.1:9000}; its token endpoint is {@link #tokenUrl()}. */
    public String authorizationServerUrl() {
        return url(Component.AUTHORIZATION);
    }

    /** Where a client of the trial POSTs its client-credentials request. */
    public String tokenUrl() {
        return authorizationServerUrl() + AuthorizationServerClient.TOKEN_PATH;
    }

    /** The one issuer of the system: the authorization server puts it in its tokens, every other process expects it. */
    public String jwtIssuer() {
        return jwtIssuer;
    }

    public String mongoUri() {
        return "mongodb://" + hostForUrl(host) + ":" + ports.mongo();
    }

    /** The value every service and the gateway get as TRIAL_JWT_PUBLIC_KEY. */
    public String jwtPublicKeyLocation() {
        return jwtPublicKey != null ? jwtPublicKey : "file:" + JwtKeys.publicKeyFile(dataDir);
    }

    /**
     * Stops a system started by another process on the same data folder: asks its launcher to stop (SIGTERM, the
     * launcher then stops its children in order); if there is no launcher any more, stops the children the pid
     * files name. Pid files of processes that are gone are removed. Answers whether anything was running.
     */
    public static boolean stopRunning(Path dataDir, Duration launcherTimeout, Duration stopTimeout, PrintStream out) {
        RunFolder run = new RunFolder(dataDir);
        boolean found = false;
        Optional<ProcessHandle> launcher = run.read(RunFolder.LAUNCHER).flatMap(PidFile::liveProcess)
                .filter(p -> p.pid() != ProcessHandle.current().pid());
        if (launcher.isPresent()) {
            found = true;
            ProcessHandle process = launcher.get();
            out.printf("stopping the launcher (pid %d): gateway, services, then Kafka and Mongo%n", process.pid());
            process.destroy();
            try {
                process.onExit().get(launcherTimeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                out.printf("the launcher did not stop within %d s; stopping its processes directly%n",
                        launcherTimeout.toSeconds());
                process.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return true;
            }
        }
        for (Tier tier : List.of(Tier.GATEWAY, Tier.SERVICE, Tier.INFRASTRUCTURE)) {
            found |= terminateRecorded(run, Component.inTier(tier), stopTimeout, out);
        }
        run.forget(RunFolder.LAUNCHER);
        run.forgetEndpoints();
        return found;
    }

    // ---------------------------------------------------------------------------------------------------------

    private void startTogether(List<Component> components, Instant deadline) {
        List<ChildProcess> pending = new ArrayList<>();
        for (Component component : components) {
            ChildProcess child = launch(component);
            progress.printf("  %-20s starting (pid %d)%n", component.id(), child.pid());
            pending.add(child);
        }
        while (true) {
            for (Iterator<ChildProcess> it = pending.iterator(); it.hasNext(); ) {
                ChildProcess child = it.next();
                if (child.checkReady()) {
                    progress.printf("  %-20s ready after %.1f s (%s)%n", child.component().id(),
                            child.upTime().toMillis() / 1000.0, child.readiness().target());
                    it.remove();
                }
            }
            if (pending.isEmpty()) {
                return;
            }
            if (closing) {
                throw new StartupFailure(null, "start-up interrupted: the system is being stopped");
            }
            if (Instant.now().isAfter(deadline)) {
                throw notUpInTime(pending, deadline);
            }
            sleep(POLL);
        }
    }

    private StartupFailure notUpInTime(List<ChildProcess> pending, Instant deadline) {
        String names = pending.stream().map(c -> c.component().id()).collect(Collectors.joining(", "));
        String tails = pending.stream().map(ChildProcess::logTail).collect(Collectors.joining("\n"));
        return new StartupFailure(pending.get(0).component(), "%s did not come up within %d s (waiting for %s)%n%s"
                .formatted(names, startupTimeout.toSeconds(), pending.get(0).readiness().target(), tails));
    }

    private void stopAll() {
        if (!processes.isEmpty()) {
            Instant begun = Instant.now();
            progress.println("stopping the trial platform");
            for (Tier tier : List.of(Tier.GATEWAY, Tier.SERVICE, Tier.INFRASTRUCTURE)) {
                stopTogether(processes.values().stream().filter(c -> c.component().tier() == tier).toList());
            }
            progress.printf("stopped in %.1f s%n", Duration.between(begun, Instant.now()).toMillis() / 1000.0);
        }
        up = false;
        run.forgetEndpoints();
        run.read(RunFolder.LAUNCHER).filter(f -> f.pid() == ProcessHandle.current().pid())
                .ifPresent(PidFile::delete);
    }

    /** SIGTERM to all, then wait for all against one deadline: a tier stops in parallel, not one by one. */
    private void stopTogether(List<ChildProcess> children) {
        if (children.isEmpty()) {
            return;
        }
        children.forEach(ChildProcess::requestStop);
        Instant deadline = Instant.now().plus(stopTimeout);
        for (ChildProcess child : children) {
            child.awaitStopped(deadline);
            processes.remove(child.component());
            run.forget(child.component().id());
            progress.printf("  %-20s stopped%n", child.component().id());
        }
    }

    private ChildProcess launch(Component component) {
        List<String> command = javaCommand(component);
        ChildProcess child = new ChildProcess(component, command, environment(component),
                logFile(component), Readiness.of(component, hostForUrl(host), ports.of(component)));
        processes.put(component, child);
        child.start((dead, exitValue) -> supervisor.execute(() -> died(dead, exitValue)));
        run.record(component.id(), child.handle());
        if (StartupArchives.trains(command)) {
            StartupArchives.training(jars.require(component), child.pid());
        }
        return child;
    }

    /**
     * A child ended without being asked to. While starting, {@link #startTogether} reports it and the start fails;
     * once up, it is started again after a pause, or given up on when it keeps dying.
     */
    private synchronized void died(ChildProcess dead, int exitValue) {
        Component component = dead.component();
        if (!up || closing || processes.get(component) != dead) {
            return;
        }
        String cause = Restarts.cause(exitValue);
        Restarts record = restarts.computeIfAbsent(component, c -> new Restarts());
        Optional<Duration> pause = record.died(cause, Instant.now());
        run.forget(component.id());
        progress.printf("! %s (pid %d) died: %s%n%s%n", component.id(), dead.pid(), cause, dead.logTail(20));
        if (pause.isPresent()) {
            progress.printf("  %-20s restarting in %d s (restart %d of at most %d within %d min)%n", component.id(),
                    pause.get().toSeconds(), record.recent(), Restarts.LIMIT, Restarts.WINDOW.toMinutes());
            supervisor.schedule(() -> startAgain(dead), pause.get().toMillis(), TimeUnit.MILLISECONDS);
        } else {
            processes.remove(component);
            progress.printf("! %s died %d times within %d min: the launcher gives up on it; see %s, then"
                    + " ./trial stop and ./trial start%n", component.id(), Restarts.LIMIT + 1,
                    Restarts.WINDOW.toMinutes(), dead.log());
        }
        run.writeRestarts(component.id(), record.asProperties());
        progress.flush();
    }

    private synchronized void startAgain(ChildProcess dead) {
        Component component = dead.component();
        if (!up || closing || processes.get(component) != dead) {
            return; // stopped, or started by hand, meanwhile
        }
        ChildProcess child = launch(component);
        progress.printf("  %-20s started again (pid %d)%n", component.id(), child.pid());
        progress.flush();
        watchUntilReady(child, Instant.now().plus(startupTimeout));
    }

    /** Says when a restarted child is ready again; a child that dies meanwhile is {@link #died}'s business. */
    private void watchUntilReady(ChildProcess child, Instant deadline) {
        supervisor.schedule(() -> {
            if (!child.isRunning() || closing) {
                return;
            }
            if (child.readiness().ready()) {
                progress.printf("  %-20s ready again after %.1f s (%s)%n", child.component().id(),
                        child.upTime().toMillis() / 1000.0, child.readiness().target());
                progress.flush();
            } else if (Instant.now().isAfter(deadline)) {
                progress.printf("! %s is running but not ready %d s after its restart (%s)%n",
                        child.component().id(), startupTimeout.toSeconds(), child.readiness().target());
                progress.flush();
            } else {
                watchUntilReady(child, deadline);
            }
        }, 1, TimeUnit.SECONDS);
    }

    /** How often the launcher started a child again since the system started (0 when it never died). */
    public synchronized int restarts(Component component) {
        return Optional.ofNullable(restarts.get(component)).map(Restarts::total).orElse(0);
    }

    /** Processes recorded by an earlier run that crashed (or was killed) would hold the ports: stop them. */
    private void clearLeftovers() {
        run.read(RunFolder.LAUNCHER).ifPresent(file -> {
            Optional<ProcessHandle> other = file.liveProcess().filter(p -> p.pid() != ProcessHandle.current().pid());
            if (other.isPresent()) {
                throw new StartupFailure(null, "the trial platform on " + dataDir + " is already running (launcher pid "
                        + other.get().pid() + "); stop it first with ./trial stop");
            }
            file.delete();
        });
        for (Tier tier : List.of(Tier.GATEWAY, Tier.SERVICE, Tier.INFRASTRUCTURE)) {
            terminateRecorded(run, Component.inTier(tier), stopTimeout, progress);
        }
    }

    private static boolean terminateRecorded(RunFolder run, List<Component> components, Duration timeout,
            PrintStream out) {
        Map<Component, ProcessHandle> live = new EnumMap<>(Component.class);
        for (Component component : components) {
            // a file whose process is gone is stale: remove it
            run.read(component.id()).ifPresent(file -> file.liveProcess()
                    .ifPresentOrElse(p -> live.put(component, p), file::delete));
        }
        live.forEach((component, process) -> {
            out.printf("  %-20s stopping leftover process %d%n", component.id(), process.pid());
            process.destroy();
        });
        Instant deadline = Instant.now().plus(timeout);
        live.forEach((component, process) -> {
            try {
                long millis = Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
                process.onExit().get(millis, TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                process.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            run.forget(component.id());
        });
        return !live.isEmpty();
    }

    /** The {@code java} of the JVM running the launcher: every child, extraction and dump runs on it. */
    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private List<String> javaCommand(Component component) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.add(component.heap());
        command.addAll(COMMON_JVM_FLAGS);
        command.addAll(component.jit().options());
        // a JVM that crashes writes its report with the logs, not into the folder ./trial was started from
        command.add("-XX:ErrorFile=" + logDir().resolve("hs_err_pid%p.log"));
        if (Runtime.version().compareTo(TRIMS_NATIVE_HEAP) >= 0) {
            // malloc keeps what the JIT and start-up freed: give it back every half minute (tens of MB per JVM)
            command.add("-XX:TrimNativeHeapInterval=30000");
        }
        Path jar = jars.require(component);
        if (component.hasHttpHealth()) {
            // a Spring Boot process: from its extracted jar, with the class-data archive of an earlier run
            StartupArchives.Launch launch = StartupArchives.forJar(jar);
            command.addAll(launch.jvmOptions());
            jar = launch.jar();
        }
        command.add("-jar");
        command.add(jar.toString());
        switch (component) {
            case KAFKA -> command.addAll(List.of("kafka", "--data", dataDir.resolve("kafka").toString(),
                    "--port", String.valueOf(ports.kafka()), "--controller-port", String.valueOf(ports.kafkaController()),
                    "--host", host));
            case MONGO -> command.addAll(List.of("mongo", "--data", dataDir.resolve("mongo").toString(),
                    "--port", String.valueOf(ports.mongo()), "--host", host));
            default -> {
                // a service or the gateway: configured by its environment alone
            }
        }
        return command;
    }

    private Map<String, String> environment(Component component) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("TRIAL_DATA_DIR", dataDir.toString());
        env.put("TRIAL_BIND_ADDRESS", host);
        // glibc gives each thread that allocates (the JIT compilers above all) an arena of its own and keeps it: two
        // arenas held each JVM's native memory about 30-50 MB lower at idle (issue 10: idle footprint)
        env.put("MALLOC_ARENA_MAX", System.getenv().getOrDefault("MALLOC_ARENA_MAX", "2"));
        switch (component.tier()) {
            case SERVICE -> {
                env.put("TRIAL_JWT_PUBLIC_KEY", jwtPublicKeyLocation());
                env.put("TRIAL_JWT_ISSUER", jwtIssuer);
                env.put("TRIAL_KAFKA_BOOTSTRAP", kafkaBootstrap());
                env.put("TRIAL_MONGODB_URI", mongoUri());
                env.put(component.portVariable(), String.valueOf(ports.of(component)));
            }
            case GATEWAY -> {
                env.put("TRIAL_JWT_PUBLIC_KEY", jwtPublicKeyLocation());
                env.put("TRIAL_JWT_ISSUER", jwtIssuer);
                env.put(component.portVariable(), String.valueOf(ports.of(component)));
                env.put("TRIAL_AUTH_URL", url(Component.AUTHORIZATION));
                if (component == Component.GATEWAY) {
                    Component.inTier(Tier.SERVICE).forEach(s -> env.put(s.urlVariable(), url(s)));
                    env.put(Component.WEB_APP.urlVariable(), url(Component.WEB_APP));
                    // the browser is sent to the authorization server's sign-in; the gateway's web client's secret
                    // was made by the authorization server at its first start
                    env.put("TRIAL_AUTH_PUBLIC_URL", url(Component.AUTHORIZATION));
                    env.put("TRIAL_WEB_CLIENT_SECRET", webClientSecret());
                } else {
                    env.put("TRIAL_API_URL", gatewayUrl());
                }
            }
            case INFRASTRUCTURE -> {
                // command-line options carry what the broker and Mongo need; the authorization server reads its
                // environment like the services
                if (component == Component.AUTHORIZATION) {
                    env.put(component.portVariable(), String.valueOf(ports.of(component)));
                    env.put("TRIAL_JWT_ISSUER", jwtIssuer);
                    env.put("TRIAL_JWT_PUBLIC_KEY", "file:" + JwtKeys.publicKeyFile(dataDir));
                    env.put("TRIAL_JWT_PRIVATE_KEY", "file:" + JwtKeys.privateKeyFile(dataDir));
                    if (authSites != null) {
                        env.put("TRIAL_AUTH_SITES", String.join(",", authSites));
                    }
                    // the gateway's redirection endpoint after a person signs in (by address and by name)
                    env.put("TRIAL_WEB_REDIRECT_URIS", gatewayUrl() + "/login/oauth2/code/trial,http://localhost:"
                            + ports.gateway() + "/login/oauth2/code/trial");
                }
            }
        }
        env.putAll(extraEnvironment.getOrDefault(component, Map.of()));
        return env;
    }

    private Properties endpoints() {
        Properties endpoints = new Properties();
        endpoints.setProperty("host", host);
        endpoints.setProperty("gateway.url", gatewayUrl());
        endpoints.setProperty("kafka.bootstrap", kafkaBootstrap());
        endpoints.setProperty("mongo.uri", mongoUri());
        endpoints.setProperty("authorization-server.url", authorizationServerUrl());
        endpoints.setProperty("token.url", tokenUrl());
        for (Component component : Component.values()) {
            endpoints.setProperty(component.id() + ".port", String.valueOf(ports.of(component)));
        }
        endpoints.setProperty("started.seconds", String.valueOf(startupTime.toMillis() / 1000.0));
        return endpoints;
    }

    /** A wildcard bind address is not something to connect to: use loopback for URLs and health checks. */
    static String hostForUrl(String host) {
        if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
            return "127.0.0.1";
        }
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupFailure(null, "start-up interrupted");
        }
    }

    /** How to run it: only the data folder is required; the jars come from a repository root or one by one. */
    public static final class Builder {

        private Path dataDir;
        private Path root;
        private String host = "127.0.0.1";
        private Ports ports = Ports.defaults();
        private final Map<Component, Path> jars = new EnumMap<>(Component.class);
        private final Map<Component, Map<String, String>> environment = new EnumMap<>(Component.class);
        private String jwtPublicKey;
        private String jwtIssuer = LocalTokens.ISSUER;
        private List<String> authSites;
        private Duration startupTimeout = Duration.ofSeconds(180);
        // graceful shutdown takes a few seconds; a process writing its class-data archive (its first run from a
        // new build, see StartupArchives) takes longer on a busy machine
        private Duration stopTimeout = Duration.ofSeconds(45);
        private PrintStream progress = System.out;

        private Builder() {
        }

        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        /** The checkout whose modules' {@code target/*-exec.jar} are run. */
        public Builder repositoryRoot(Path root) {
            this.root = root;
            return this;
        }

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public Builder ports(Ports ports) {
            this.ports = ports;
            return this;
        }

        /** Runs this jar instead of the one found under the repository root. */
        public Builder jar(Component component, Path jar) {
            jars.put(component, jar);
            return this;
        }

        /** An extra environment variable for one process, e.g. TRIAL_EVENT_STORE_URL; overrides the launcher's own. */
        public Builder environment(Component component, String name, String value) {
            environment.computeIfAbsent(component, c -> new LinkedHashMap<>()).put(name, value);
            return this;
        }

        public Builder environment(Component component, Map<String, String> variables) {
            variables.forEach((name, value) -> environment(component, name, value));
            return this;
        }

        /**
         * A public key location (a Spring resource, e.g. {@code file:/tmp/key.pem}) for tokens signed elsewhere.
         * Without it the services and the gateway trust the system's own key pair under {@code DIR/keys} (made at
         * the first start either way: the local authorization server signs with it).
         */
        public Builder jwtPublicKey(String location) {
            this.jwtPublicKey = location;
            return this;
        }

        /** The issuer every process is given as TRIAL_JWT_ISSUER ({@code https://trial.local/auth} by default). */
        public Builder jwtIssuer(String issuer) {
            this.jwtIssuer = issuer;
            return this;
        }

        /**
         * The sites whose coordinators and investigators get clients at the authorization server (its own default,
         * S01-S05, when not given).
         */
        public Builder authorizationSites(List<String> sites) {
            this.authSites = sites == null ? null : List.copyOf(sites);
            return this;
        }

        public Builder startupTimeout(Duration timeout) {
            this.startupTimeout = timeout;
            return this;
        }

        /** How long a process gets after SIGTERM before it is killed. */
        public Builder stopTimeout(Duration timeout) {
            this.stopTimeout = timeout;
            return this;
        }

        /** Where progress lines go (System.out by default). */
        public Builder progress(PrintStream progress) {
            this.progress = progress;
            return this;
        }

        public EmbeddedSystem build() {
            if (dataDir == null) {
                throw new IllegalStateException("a data folder is required");
            }
            return new EmbeddedSystem(this);
        }
    }
}
