package org.cartrial.localstack;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.cartrial.localstack.CommandOptions.UsageException;
import org.cartrial.localstack.cohort.CohortFile;
import org.cartrial.localstack.cohort.CohortImport;
import org.cartrial.localstack.cohort.CohortRequests;
import org.cartrial.localstack.cohort.DryRun;

/**
 * The local stack's command line: the parts of the embedded default (a Kafka broker, a MongoDB-wire server), the
 * demo key pair and tokens, and {@code up}/{@code down}/{@code status} for the whole system. The {@code trial}
 * script at the repository root is the friendly front of it.
 */
public final class LocalStack {

    private static final String USAGE = """
            usage: java -jar local-stack-exec.jar <command> [options]

              up      --data DIR --root REPO [--host 127.0.0.1] [--ports-base N] [--gateway-port 8080]
                      [--enrollment-port 8081] [--infusion-port 8082] [--safety-port 8083] [--outcomes-port 8084]
                      [--kafka-port 9092] [--kafka-controller-port 9093] [--mongo-port 27017] [--auth-port 9000]
                      [--sites S01,S02,S03,S04,S05] [--issuer https://trial.local/auth] [--timeout 180 (TRIAL_START_TIMEOUT)]
                                 start everything; runs until Ctrl-C or SIGTERM, then stops it all in order;
                                 --sites: the sites whose staff get clients at the authorization server
              down    --data DIR   stop a system started with `up` on that data folder
              status  --data DIR   which processes run and whether they are healthy
              keys    --data DIR   make the RS256 key pair under DIR/keys unless it exists
              token   --data DIR --role ROLE [--site S01] [--host 127.0.0.1] [--auth-port 9000]
                                 print an access token from the running authorization server (a client-credentials
                                 request with the role's client secret from DIR/auth; roles: site-coordinator,
                                 investigator, safety-officer, analyst, admin; the first two need --site)
              report  --data DIR --as-of DATE [--site S01] [--json] [--host 127.0.0.1] [--gateway-port 8080]
                                 the analyses as of a data cut-off, asked through the gateway as an analyst;
                                 --json prints one document in the sections of the statistical reference
              export  --data DIR --as-of DATE --out DIR [--recorded-up-to T] [--site S01] [--host 127.0.0.1]
                      [--gateway-port 8080]
                                 the SDTM and ADaM datasets (Dataset-JSON and CSV) and their manifest as of a data
                                 cut-off, asked through the gateway as an analyst, unpacked with a progress bar
              import-cohort FILE --data DIR [--site-prefix X] [--parallel 8] [--dry-run] [--host 127.0.0.1]
                      [--gateway-port 8080]
                                 tell a cohort CSV (shared/data/README.md) to the platform through the gateway, as
                                 its sites would (the admin registers the sites); a re-run replays, records nothing
                                 twice; --dry-run prints the requests instead of sending them
              rebuild --data DIR --context CONTEXT --read-model NAME [--host 127.0.0.1] [--gateway-port 8080]
                                 rebuild one read model from the start of its topics (as an admin, through the
                                 gateway), with a progress bar; e.g. --context outcomes --read-model subject-courses
              kafka   --data DIR [--port 9092] [--controller-port 9093] [--host 127.0.0.1]
                                 run a single-node Kafka broker (KRaft)
              mongo   --data DIR [--port 27017] [--host 127.0.0.1]
                                 run the MongoDB-wire server on DIR/mongo.mv

            Options fall back to environment variables: TRIAL_DATA_DIR, TRIAL_BIND_ADDRESS, TRIAL_PORTS_BASE,
            GATEWAY_PORT, ENROLLMENT_PORT, INFUSION_PORT, SAFETY_PORT, OUTCOMES_PORT, TRIAL_KAFKA_PORT,
            TRIAL_KAFKA_CONTROLLER_PORT, TRIAL_MONGO_PORT, AUTH_SERVER_PORT, TRIAL_AUTH_SITES, TRIAL_JWT_ISSUER.
            """;

    private LocalStack() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || List.of("help", "--help", "-h").contains(args[0])) {
            System.out.print(USAGE);
            return;
        }
        String command = args[0];
        try {
            List<String> rest = Arrays.asList(args).subList(1, args.length);
            if (command.equals("import-cohort") && !rest.isEmpty() && !rest.get(0).startsWith("--")) {
                rest = new ArrayList<>(rest);
                rest.add(0, "--file"); // the file is the command's one positional argument
            }
            CommandOptions options = CommandOptions.parse(rest, System.getenv());
            int status = switch (command) {
                case "kafka" -> kafka(options);
                case "mongo" -> mongo(options);
                case "keys" -> keys(options);
                case "token" -> token(options);
                case "up" -> up(options);
                case "down" -> down(options);
                case "status" -> new StatusReport(options.dataDir()).print(System.out);
                case "report" -> report(options);
                case "export" -> export(options);
                case "rebuild" -> rebuild(options);
                case "import-cohort" -> importCohort(options);
                default -> throw new UsageException("unknown command '" + command + "'");
            };
            System.exit(status);
        } catch (UsageException e) {
            System.err.println("local-stack " + command + ": " + e.getMessage());
            System.err.println("(all commands and options: `help`)");
            System.exit(2);
        }
    }

    private static int kafka(CommandOptions options) {
        new KafkaBroker(options.dataDir(), host(options), options.port("port", null, 9092),
                options.port("controller-port", null, 9093)).run();
        return 0;
    }

    private static int mongo(CommandOptions options) throws InterruptedException {
        new MongoWireServer(options.dataDir(), host(options), options.port("port", null, 27017)).run();
        return 0;
    }

    private static int keys(CommandOptions options) {
        Path dataDir = options.dataDir();
        if (JwtKeys.ensure(dataDir)) {
            System.err.println("made a new RS256 key pair under " + dataDir.resolve("keys"));
        }
        return 0;
    }

    /**
     * Asks the running authorization server for a token of the role's client. Only the token goes to stdout, so
     * {@code TOKEN=$(./trial token ...)} works.
     */
    private static int token(CommandOptions options) {
        Role role;
        String site = options.text("site").orElse(null);
        try {
            role = Role.of(options.required("role"));
            AuthorizationServerClient.clientId(role, site);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (options.text("user").isPresent() || options.text("hours").isPresent()) {
            System.err.println("token: --user and --hours are not used any more: the authorization server names the"
                    + " client as the token's subject and decides its lifetime (1 h)");
        }
        try {
            System.out.println(authorizationServer(options).token(role, site));
            return 0;
        } catch (AuthorizationServerClient.TokenUnavailable e) {
            System.err.println("token: " + e.getMessage());
            return 1;
        }
    }

    /**
     * The authorization server of the system on this data folder: --auth-port (AUTH_SERVER_PORT) if given, else where
     * the running system says it is, else the one of --ports-base (TRIAL_PORTS_BASE), else port 9000.
     */
    static AuthorizationServerClient authorizationServer(CommandOptions options) {
        Path dataDir = options.dataDir();
        String url = options.port("auth-port", "AUTH_SERVER_PORT")
                .map(port -> "http://" + EmbeddedSystem.hostForUrl(host(options)) + ":" + port)
                .or(() -> java.util.Optional.ofNullable(new RunFolder(dataDir).readEndpoints()
                        .getProperty("authorization-server.url")))
                .orElseGet(() -> "http://" + EmbeddedSystem.hostForUrl(host(options)) + ":" + options
                        .port("ports-base", "TRIAL_PORTS_BASE").map(base -> Ports.fromBase(base).authorization())
                        .orElse(Ports.defaults().authorization()));
        return new AuthorizationServerClient(URI.create(url), dataDir);
    }

    private static int up(CommandOptions options) throws InterruptedException {
        String host = host(options);
        EmbeddedSystem system = EmbeddedSystem.builder()
                .dataDir(options.dataDir())
                .repositoryRoot(Path.of(options.text("root", "TRIAL_ROOT").orElse(".")))
                .host(host)
                .ports(ports(options))
                .jwtIssuer(options.text("issuer", "TRIAL_JWT_ISSUER").orElse(LocalTokens.ISSUER))
                .authorizationSites(options.text("sites", "TRIAL_AUTH_SITES")
                        .map(sites -> Arrays.stream(sites.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList())
                        .orElse(null))
                .startupTimeout(Duration.ofSeconds(options.number("timeout", "TRIAL_START_TIMEOUT", 180)))
                .build();
        Runtime.getRuntime().addShutdownHook(new Thread(system::stop, "trial-platform-shutdown"));
        try {
            system.start();
        } catch (StartupFailure e) {
            System.err.println();
            System.err.println("the trial platform did not start: " + e.getMessage());
            return 1;
        }
        printWelcome(system, System.out);
        Thread.currentThread().join(); // until SIGINT/SIGTERM; the shutdown hook stops the children
        return 0;
    }

    private static int report(CommandOptions options) throws java.io.IOException, InterruptedException {
        String token = tokenOrExit(options, Role.ANALYST);
        int gatewayPort = gatewayPort(options);
        java.time.LocalDate asOf;
        try {
            asOf = java.time.LocalDate.parse(options.required("as-of"));
        } catch (java.time.format.DateTimeParseException e) {
            throw new UsageException("--as-of must be a date like 2023-12-31");
        }
        return new AnalystReport(java.net.URI.create("http://" + host(options) + ":" + gatewayPort), token)
                .print(asOf, options.text("site").orElse(null), options.flag("json"), System.out);
    }

    private static int export(CommandOptions options) throws java.io.IOException, InterruptedException {
        java.time.LocalDate asOf;
        try {
            asOf = java.time.LocalDate.parse(options.required("as-of"));
        } catch (java.time.format.DateTimeParseException e) {
            throw new UsageException("--as-of must be a date like 2023-12-31");
        }
        Path out = Path.of(options.required("out")).toAbsolutePath().normalize();
        String token = tokenOrExit(options, Role.ANALYST);
        return new TrialExportDownload(java.net.URI.create("http://" + host(options) + ":" + gatewayPort(options)), token)
                .run(asOf, options.text("recorded-up-to").orElse(null), options.text("site").orElse(null), out,
                        System.err, System.out);
    }

    private static int importCohort(CommandOptions options) throws IOException, InterruptedException {
        Path file = Path.of(options.text("file").orElseThrow(() -> new UsageException(
                "give the cohort file: import-cohort FILE [--site-prefix X]")));
        if (!Files.isRegularFile(file)) {
            throw new UsageException("no such file: " + file);
        }
        CohortFile cohort;
        CohortRequests requests;
        try {
            cohort = CohortFile.read(file);
            requests = new CohortRequests(cohort.sha256(),
                    options.text("site-prefix").orElse(""));
        } catch (CohortFile.InvalidCohort | IllegalArgumentException e) {
            System.err.println("import-cohort: " + e.getMessage());
            return 2;
        }
        if (options.flag("dry-run")) {
            return DryRun.print(cohort, requests, System.out);
        }
        AuthorizationServerClient authorizationServer = authorizationServer(options);
        // every site of the file needs its staff's clients at the authorization server: say so before the first request
        java.util.Set<String> known;
        try {
            known = authorizationServer.knownClients();
        } catch (AuthorizationServerClient.TokenUnavailable e) {
            System.err.println("import-cohort: " + e.getMessage());
            return 1;
        }
        java.util.Set<String> sites = new java.util.TreeSet<>();
        for (var row : cohort.rows()) {
            sites.add(requests.siteId(row));
        }
        List<String> missing = sites.stream()
                .filter(site -> !known.contains(AuthorizationServerClient.clientId(Role.SITE_COORDINATOR, site))
                        || !known.contains(AuthorizationServerClient.clientId(Role.INVESTIGATOR, site)))
                .toList();
        if (!missing.isEmpty()) {
            System.err.println("import-cohort: the authorization server has no clients for the sites " + missing
                    + "; restart the platform with TRIAL_AUTH_SITES=" + String.join(",", sites) + " ./trial start");
            return 1;
        }
        CohortImport.Tokens tokens = (actor, site) -> {
            Role role = switch (actor) {
                case ADMIN -> Role.ADMIN;
                case SITE_COORDINATOR -> Role.SITE_COORDINATOR;
                case INVESTIGATOR -> Role.INVESTIGATOR;
            };
            // one client per role and site, so the caller is the same on a re-run (the services keep an
            // Idempotency-Key per caller); tokens are renewed before they expire
            return authorizationServer.token(role, role.siteBound() ? site : null);
        };
        URI gateway = URI.create("http://" + host(options) + ":" + gatewayPort(options));
        int parallel = options.number("parallel", 8);
        if (parallel < 1 || parallel > 64) {
            throw new UsageException("--parallel must be 1-64");
        }
        return new CohortImport(CohortImport.Settings.of(gateway, parallel), tokens)
                .run(cohort, requests, System.out, System.err);
    }

    /** The gateway's port: --gateway-port (GATEWAY_PORT), else the one of --ports-base (TRIAL_PORTS_BASE), else 8080. */
    private static int gatewayPort(CommandOptions options) {
        return options.port("gateway-port", "GATEWAY_PORT").orElseGet(() -> options
                .port("ports-base", "TRIAL_PORTS_BASE").map(base -> Ports.fromBase(base).gateway())
                .orElse(Ports.defaults().gateway()));
    }

    private static int rebuild(CommandOptions options) throws java.io.IOException, InterruptedException {
        String token = tokenOrExit(options, Role.ADMIN);
        int gatewayPort = options.port("gateway-port", "GATEWAY_PORT").orElse(Ports.defaults().gateway());
        return new ReadModelRebuild(java.net.URI.create("http://" + host(options) + ":" + gatewayPort), token)
                .run(options.required("context"), options.required("read-model"), System.err, System.out);
    }

    /** A token of a cross-site role from the running authorization server; ends the command with 1 if there is none. */
    private static String tokenOrExit(CommandOptions options, Role role) {
        try {
            return authorizationServer(options).token(role, null);
        } catch (AuthorizationServerClient.TokenUnavailable e) {
            System.err.println(e.getMessage());
            System.exit(1);
            return null;
        }
    }

    private static int down(CommandOptions options) {
        boolean found = EmbeddedSystem.stopRunning(options.dataDir(), Duration.ofSeconds(150), Duration.ofSeconds(45),
                System.out);
        System.out.println(found ? "the trial platform is stopped" : "nothing was running on " + options.dataDir());
        return 0;
    }

    private static String host(CommandOptions options) {
        return options.text("host", "TRIAL_BIND_ADDRESS").orElse("127.0.0.1");
    }

    private static Ports ports(CommandOptions options) {
        Ports ports = options.port("ports-base", "TRIAL_PORTS_BASE").map(Ports::fromBase).orElse(Ports.defaults());
        Map<Component, String[]> names = Map.of(
                Component.GATEWAY, new String[] {"gateway-port", "GATEWAY_PORT"},
                Component.ENROLLMENT, new String[] {"enrollment-port", "ENROLLMENT_PORT"},
                Component.INFUSION, new String[] {"infusion-port", "INFUSION_PORT"},
                Component.SAFETY, new String[] {"safety-port", "SAFETY_PORT"},
                Component.OUTCOMES, new String[] {"outcomes-port", "OUTCOMES_PORT"},
                Component.KAFKA, new String[] {"kafka-port", "TRIAL_KAFKA_PORT"},
                Component.MONGO, new String[] {"mongo-port", "TRIAL_MONGO_PORT"},
                Component.AUTHORIZATION, new String[] {"auth-port", "AUTH_SERVER_PORT"},
                Component.WEB_APP, new String[] {"web-app-port", "WEB_APP_PORT"});
        for (Component component : Component.values()) {
            String[] name = names.get(component);
            ports = ports.with(component, options.port(name[0], name[1], ports.of(component)));
        }
        return ports.withKafkaController(
                options.port("kafka-controller-port", "TRIAL_KAFKA_CONTROLLER_PORT", ports.kafkaController()));
    }

    /** The `trial` script waits for the first line of this in the detached mode: keep "is up" in it. */
    private static void printWelcome(EmbeddedSystem system, PrintStream out) {
        String gateway = system.gatewayUrl();
        out.printf("""

                The trial platform is up (started in %.1f s).

                  gateway   %s
                  web app   %s/app/  (sign in as a person: %s)
                            passwords in %s (owner-only; an admin adds people on the web app's admin screen)
                  tokens    %s (client credentials; ./trial token --role ROLE [--site S01])
                  logs      %s
                  stop      Ctrl-C here, or ./trial stop in another terminal

                An admin registers a site, then the site screens a patient through the gateway:

                  curl -s -X POST %s/api/enrollment/sites \\
                    -H "Authorization: Bearer $(./trial token --role admin)" -H 'Content-Type: application/json' \\
                    -d '{"siteId":"S01","name":"Hospital S01"}'
                  TOKEN=$(./trial token --role site-coordinator --site S01)
                  curl -s -X POST %s/api/enrollment/screenings \\
                    -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d '{
                      "subjectId":"S01-0001","siteId":"S01","screeningDate":"2026-11-20",
                      "ageYears":8.5,"weightKg":26.4,"sex":"female","performance":{"scale":"LANSKY","score":80},
                      "diagnosis":{"whoBAllByMorphology":true,"flowImmunophenotypeDone":true,
                                   "karyotypeDone":true,"fusionGeneScreenDone":true},
                      "diseaseStatus":"RELAPSED_REFRACTORY","cd19ExpressionPercent":98.2,"cd22ExpressionPercent":97.0,
                      "consent":{"guardianConsentOn":"2026-11-18","consentFormVersion":"ICF-2.1"}}'

                Then the CONSORT counts, as an analyst:

                  curl -s %s/api/outcomes/consort -H "Authorization: Bearer $(./trial token --role analyst)"

                Or load a whole cohort (sites, subjects, treatments, outcomes) as the sites would:

                  ./trial import-cohort path/to/cohort.csv

                """, system.startupTime().toMillis() / 1000.0, gateway, gateway, system.demoUsers(), system.usersFile(),
                system.tokenUrl(), system.logDir(), gateway, gateway, gateway);
        out.flush();
    }
}
