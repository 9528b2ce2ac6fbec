package org.cartrial.localstack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;

/**
 * A real single-node Apache Kafka broker in KRaft mode (broker and controller in one process, node 1). Its
 * storage is formatted once; later starts find the same log folder, topics and committed offsets.
 */
final class KafkaBroker {

    private final Path dataDir;
    private final String bindHost;
    private final String advertisedHost;
    private final int port;
    private final int controllerPort;

    KafkaBroker(Path dataDir, String bindHost, int port, int controllerPort) {
        this.dataDir = dataDir;
        this.bindHost = bindHost;
        this.advertisedHost = EmbeddedSystem.hostForUrl(bindHost);
        this.port = port;
        this.controllerPort = controllerPort;
    }

    /** Runs until SIGTERM/SIGINT, then shuts the broker down cleanly (a clean shutdown means a fast next start). */
    void run() {
        Path properties = writeServerProperties();
        formatOnce(properties);
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(load(properties), false), Time.SYSTEM);
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdown, "kafka-shutdown"));
        server.startup();
        System.out.printf("kafka broker listening on %s:%d (controller %d), data in %s%n", advertisedHost, port,
                controllerPort, logDir());
        server.awaitShutdown();
    }

    private Path logDir() {
        return dataDir.resolve("data");
    }

    /** Written on every start, so changed ports take effect; the data it points to stays. */
    private Path writeServerProperties() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("process.roles", "broker,controller");
        settings.put("node.id", "1");
        settings.put("controller.quorum.voters", "1@" + advertisedHost + ":" + controllerPort);
        settings.put("listeners", "PLAINTEXT://" + bindHost + ":" + port + ",CONTROLLER://" + bindHost + ":" + controllerPort);
        settings.put("advertised.listeners", "PLAINTEXT://" + advertisedHost + ":" + port);
        settings.put("controller.listener.names", "CONTROLLER");
        settings.put("inter.broker.listener.name", "PLAINTEXT");
        settings.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        settings.put("log.dirs", logDir().toString());
        // one node: every internal topic with one replica, or nothing that needs them ever works
        settings.put("num.partitions", "4");
        settings.put("default.replication.factor", "1");
        settings.put("min.insync.replicas", "1");
        settings.put("offsets.topic.replication.factor", "1");
        settings.put("offsets.topic.num.partitions", "10");
        settings.put("transaction.state.log.replication.factor", "1");
        settings.put("transaction.state.log.min.isr", "1");
        settings.put("transaction.state.log.num.partitions", "4");
        settings.put("auto.create.topics.enable", "true");
        // domain events are kept for rebuilding read models: no time-based deletion
        settings.put("log.retention.ms", "-1");
        // consumer groups form at once instead of waiting 3 s for more members that never come
        settings.put("group.initial.rebalance.delay.ms", "0");
        // fewer threads and a smaller cleaner buffer: it shares a laptop with six other JVMs
        settings.put("num.network.threads", "2");
        settings.put("num.io.threads", "4");
        settings.put("background.threads", "4");
        settings.put("num.recovery.threads.per.data.dir", "1");
        settings.put("log.cleaner.threads", "1");
        settings.put("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024));
        String text = settings.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n", "# written by the local stack at each start\n", "\n"));
        try {
            Files.createDirectories(dataDir);
            Path file = dataDir.resolve("server.properties");
            Files.writeString(file, text);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write server.properties under " + dataDir, e);
        }
    }

    /**
     * Formats the log folder on the first start only. Uses {@code StorageTool.execute}, not {@code main}: main
     * ends with Exit.exit, which would end this JVM before the broker runs.
     */
    private void formatOnce(Path properties) {
        if (Files.exists(logDir().resolve("meta.properties"))) {
            return;
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int status;
        try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            status = StorageTool.execute(new String[] {"format", "--config", properties.toString(),
                    "--cluster-id", Uuid.randomUuid().toString(), "--ignore-formatted"}, print);
        }
        String report = output.toString(StandardCharsets.UTF_8).trim();
        if (status != 0) {
            throw new IllegalStateException("formatting Kafka storage failed (" + status + "): " + report);
        }
        System.out.println(report);
    }

    private static Properties load(Path file) {
        Properties properties = new Properties();
        try (var in = Files.newBufferedReader(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
