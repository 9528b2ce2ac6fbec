package org.cartrial.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import de.bwaldvogel.mongo.MongoServer;

class HelloAnsweringH2BackendTest {

    @TempDir
    Path dir;

    @Test
    void hello_is_answered_so_spring_boots_health_check_sees_mongo_up_and_data_survive_a_restart() {
        String file = dir.resolve("mongo.mv").toString();
        MongoServer server = new MongoServer(new HelloAnsweringH2Backend(file));
        String uri = "mongodb://127.0.0.1:" + server.bind().getPort();
        try (MongoClient client = MongoClients.create(uri)) {
            Document hello = client.getDatabase("outcomes-service").runCommand(new Document("hello", 1));
            assertThat(hello.get("ok", Number.class).intValue()).isEqualTo(1);
            assertThat(hello.getBoolean("isWritablePrimary")).isTrue();
            client.getDatabase("outcomes-service").getCollection("consort").insertOne(new Document("_id", "S01"));
        } finally {
            server.shutdown();
        }

        MongoServer again = new MongoServer(new HelloAnsweringH2Backend(file));
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + again.bind().getPort())) {
            assertThat(client.getDatabase("outcomes-service").getCollection("consort").countDocuments()).isEqualTo(1);
        } finally {
            again.shutdown();
        }
    }
}
