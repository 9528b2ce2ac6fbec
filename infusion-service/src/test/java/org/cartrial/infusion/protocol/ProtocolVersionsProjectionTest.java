package org.cartrial.infusion.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;

import org.cartrial.api.EventCatalogue;
import org.cartrial.api.protocol.ProtocolAmended;
import org.cartrial.api.protocol.ProtocolSettings;
import org.cartrial.infusion.ClinicalEventExamples;
import org.cartrial.support.events.IdempotentProjection;
import org.cartrial.support.events.PublishedEventReader;
import org.cartrial.support.events.ReceivedEvent;
import org.cartrial.support.protocol.ProtocolVersionsProjection;
import org.cartrial.testsupport.EmbeddedMongo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.messaging.support.MessageBuilder;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

/** The protocol versions read model fed with enrollment's published amendments, on the MongoDB wire server. */
class ProtocolVersionsProjectionTest {

    private static final ProtocolSettings V1 = ProtocolSettings.VERSION_1_0;
    private static final Instant RECORDED = Instant.parse("2026-10-20T10:00:00Z");

    private EmbeddedMongo mongo;
    private MongoClient client;
    private ProtocolVersionsProjection versions;
    private final PublishedEventReader reader = new PublishedEventReader(
            JsonMapper.builder().addModule(new JavaTimeModule()).build());

    @BeforeEach
    void setUp() {
        mongo = new EmbeddedMongo();
        client = MongoClients.create(mongo.uri());
        MongoTemplate template = new MongoTemplate(client, "infusion");
        versions = new ProtocolVersionsProjection(new IdempotentProjection(template), template);
    }

    @AfterEach
    void tearDown() {
        client.close();
        mongo.close();
    }

    private static ProtocolSettings doseRange(String version, LocalDate from, String min, String max) {
        return new ProtocolSettings(version, from, V1.minAgeYears(), V1.maxAgeYears(),
                V1.cd19ExpressionAbovePercent(), V1.cd22ExpressionAbovePercent(), V1.mrdPositiveMoreThanMonths(),
                V1.lanskyBelowAgeYears(), V1.minLansky(), V1.minKarnofsky(), V1.maxEcog(), V1.assentFromAgeYears(),
                new BigDecimal(min), new BigDecimal(max)).completedBy(V1);
    }

    private static ReceivedEvent received(String id, ProtocolSettings settings) {
        ProtocolAmended event = new ProtocolAmended(settings, "amendment " + settings.version(), RECORDED);
        return new ReceivedEvent(id, EventCatalogue.typeOf(ProtocolAmended.class), RECORDED, "admin", event);
    }

    @Test
    void version_1_0_is_in_force_before_any_amendment_arrives() {
        assertThat(versions.effectiveOn(LocalDate.of(2026, 12, 1))).isEqualTo(V1);
        assertThat(versions.all()).containsExactly(V1);
    }

    @Test
    void each_amendment_applies_from_its_date_on_and_a_redelivery_changes_nothing() {
        assertThat(versions.apply(received("e1", doseRange("1.1", LocalDate.of(2026, 11, 1), "1.0", "4.0"))))
                .isTrue();
        assertThat(versions.apply(received("e2", doseRange("2.0", LocalDate.of(2027, 1, 1), "0.5", "6.0"))))
                .isTrue();
        assertThat(versions.apply(received("e1", doseRange("1.1", LocalDate.of(2026, 11, 1), "1.0", "4.0"))))
                .isFalse();

        assertThat(versions.effectiveOn(LocalDate.of(2026, 10, 31))).isEqualTo(V1);
        ProtocolSettings v11 = versions.effectiveOn(LocalDate.of(2026, 12, 31));
        assertThat(v11).isEqualTo(doseRange("1.1", LocalDate.of(2026, 11, 1), "1.0", "4.0"));
        assertThat(v11.doseInRange(new BigDecimal("4.5"))).isFalse();
        assertThat(versions.effectiveOn(LocalDate.of(2027, 1, 1)).maxDose10e6CellsPerKg()).isEqualByComparingTo("6.0");
        assertThat(versions.all()).extracting(ProtocolSettings::version).containsExactly("1.0", "1.1", "2.0");
    }

    @Test
    void events_of_other_kinds_are_not_used() {
        assertThat(versions.apply(new ReceivedEvent("e9", "x", RECORDED, "someone",
                ClinicalEventExamples.enrolled("S01-0001", "S01", LocalDate.of(2026, 11, 1))))).isFalse();
        assertThat(versions.all()).containsExactly(V1);
    }

    /**
     * An amendment published before {@code maxDose10e6CellsPerKg} existed (its JSON lacks it) is read from the topic
     * and takes that setting from the version before it, as a replay from the topic's start does.
     */
    @Test
    void an_old_amendment_lacking_a_newer_setting_takes_it_from_the_version_before() {
        versions.apply(received("e1", doseRange("1.1", LocalDate.of(2026, 6, 1), "1.0", "4.0")));
        String oldJson = """
                {"settings":{"version":"1.2","effectiveFrom":"2026-09-01","minAgeYears":1,"maxAgeYears":21,
                "cd19ExpressionAbovePercent":95,"cd22ExpressionAbovePercent":95,"mrdPositiveMoreThanMonths":3,
                "lanskyBelowAgeYears":16,"minLansky":50,"minKarnofsky":50,"maxEcog":2,"assentFromAgeYears":12,
                "minDose10e6CellsPerKg":0.8},
                "reason":"upper age 21","recordedAt":"2026-08-20T10:00:00Z"}
                """;
        ReceivedEvent old = reader.read(MessageBuilder.withPayload(oldJson.getBytes(StandardCharsets.UTF_8))
                .setHeader("ce_id", "e2").setHeader("ce_type", EventCatalogue.typeOf(ProtocolAmended.class))
                .build());
        assertThat(versions.apply(old)).isTrue();

        ProtocolSettings v12 = versions.effectiveOn(LocalDate.of(2026, 10, 1));
        assertThat(v12.version()).isEqualTo("1.2");
        assertThat(v12.maxAgeYears()).isEqualByComparingTo("21");
        assertThat(v12.minDose10e6CellsPerKg()).isEqualByComparingTo("0.8");
        assertThat(v12.maxDose10e6CellsPerKg()).isEqualByComparingTo("4.0");
        assertThat(v12.missingSettings()).isEmpty();
    }
}
