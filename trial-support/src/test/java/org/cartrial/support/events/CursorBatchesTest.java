package org.cartrial.support.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/** Subject documents read site by site in subject order: USUBJID order, whatever order they were written in. */
class CursorBatchesTest {

    private static MongoServer server;
    private static MongoClient client;
    private static MongoTemplate mongo;

    @BeforeAll
    static void documents() {
        server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
        mongo = new MongoTemplate(client, "read_models");
        for (String[] d : new String[][] {{"P3", "S10"}, {"P1", "S2"}, {"P2", "S1"}, {"P0", "S10"}, {"P4", "S1"},
                {"P5", "S2"}}) {
            mongo.insert(new Document("_id", d[0]).append("siteId", d[1]).append(IdempotentProjection.APPLIED_EVENTS,
                    List.of("e-" + d[0])), "subjects");
        }
        mongo.insert(new Document("_id", "P9"), "subjects"); // no site: belongs to no site's export
    }

    @AfterAll
    static void stop() {
        client.close();
        server.shutdownNow();
    }

    private static List<String> read(List<String> sites) {
        try (Stream<Document> documents = CursorBatches.bySite(mongo, "subjects", sites,
                IdempotentProjection.APPLIED_EVENTS)) {
            return documents.map(d -> {
                assertThat(d).doesNotContainKey(IdempotentProjection.APPLIED_EVENTS);
                return d.getString("siteId") + "-" + d.getString("_id");
            }).toList();
        }
    }

    @Test
    void every_site_in_order_then_its_subjects_in_order() {
        assertThat(read(null)).containsExactly("S1-P2", "S1-P4", "S10-P0", "S10-P3", "S2-P1", "S2-P5");
    }

    @Test
    void only_the_sites_asked_for_in_the_same_order() {
        assertThat(read(List.of("S2", "S1", "S2"))).containsExactly("S1-P2", "S1-P4", "S2-P1", "S2-P5");
        assertThat(read(List.of("S7"))).isEmpty();
    }

    @Test
    void a_stream_closed_half_way_closes_its_cursor() {
        try (Stream<Document> documents = CursorBatches.bySite(mongo, "subjects", null)) {
            assertThat(documents.limit(3).map(d -> d.getString("_id")).toList()).containsExactly("P2", "P4", "P0");
        }
    }
}
