package org.cartrial.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import de.bwaldvogel.mongo.MongoServer;

/**
 * A MongoDB wire-protocol server (mongo-java-server) on an H2 MVStore file: the read models of the embedded
 * default survive a restart without an installed MongoDB.
 */
final class MongoWireServer {

    private final Path dataDir;
    private final String host;
    private final int port;

    MongoWireServer(Path dataDir, String host, int port) {
        this.dataDir = dataDir;
        this.host = host;
        this.port = port;
    }

    /** Runs until SIGTERM/SIGINT; the shutdown hook closes the store so its last writes reach the file. */
    void run() throws InterruptedException {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path file = dataDir.resolve("mongo.mv");
        HelloAnsweringH2Backend backend = new HelloAnsweringH2Backend(file.toString());
        MongoServer server = new MongoServer(backend);
        server.bind(host, port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdown(); // closes the backend too, which writes the last changes to the file
            stopped.countDown();
        }, "mongo-shutdown"));
        System.out.printf("mongo wire server listening on %s:%d, data in %s%n", host, port, file);
        stopped.await();
    }
}
