package org.cartrial.safety.infusedsubject.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.cartrial.api.infusion.CarTInfused;
import org.cartrial.api.infusion.CarTInfusionCorrected;
import org.cartrial.api.infusion.CarTProduct;
import org.cartrial.support.events.IdempotentProjection;
import org.cartrial.support.events.ReceivedEvent;
import org.cartrial.testsupport.EmbeddedMongo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

/** A corrected CD19 infusion moves the subject's day 0; a CD22 correction does not touch it. */
class InfusedSubjectsProjectionTest {

    private static final Instant CD19_AT = Instant.parse("2026-11-30T09:30:00Z");
    private static final Instant CORRECTED_AT = Instant.parse("2026-11-29T09:30:00Z");

    private static EmbeddedMongo mongo;
    private static MongoClient client;

    @BeforeAll
    static void start() {
        mongo = new EmbeddedMongo();
        client = MongoClients.create(mongo.uri());
    }

    @AfterAll
    static void stop() {
        client.close();
        mongo.close();
    }

    private static CarTInfused infused(CarTProduct product, Instant at) {
        return new CarTInfused("S01-0001", "S01", LocalDate.ofInstant(at, java.time.ZoneOffset.UTC), at, product, at,
                new BigDecimal("2.5"), new BigDecimal("24"), "LOT", "1.0");
    }

    @Test
    void a_corrected_cd19_infusion_moves_day_0_once() {
        MongoTemplate template = new MongoTemplate(client, "safety-" + UUID.randomUUID());
        InfusedSubjectsProjection subjects = new InfusedSubjectsProjection(new IdempotentProjection(template), template);
        subjects.apply(new ReceivedEvent("e1", "t", CD19_AT, "u", infused(CarTProduct.CD19, CD19_AT)));
        ReceivedEvent correction = new ReceivedEvent("e2", "t", CD19_AT, "u", new CarTInfusionCorrected("S01-0001",
                "S01", LocalDate.of(2026, 11, 29), CD19_AT, CarTProduct.CD19, infused(CarTProduct.CD19, CORRECTED_AT),
                List.of(), "pharmacy record", "inv-s01"));

        assertThat(subjects.apply(correction)).isTrue();
        assertThat(subjects.apply(correction)).isFalse();
        assertThat(subjects.apply(new ReceivedEvent("e1", "t", CD19_AT, "u", infused(CarTProduct.CD19, CD19_AT))))
                .as("the infusion re-delivered after its correction").isFalse();
        assertThat(subjects.apply(new ReceivedEvent("e3", "t", CD19_AT, "u", new CarTInfusionCorrected("S01-0001",
                "S01", LocalDate.of(2027, 1, 2), CD19_AT, CarTProduct.CD22,
                infused(CarTProduct.CD22, Instant.parse("2027-01-02T09:00:00Z")), List.of(), "x", "inv-s01"))))
                .isFalse();

        var subject = subjects.find("S01-0001").orElseThrow();
        assertThat(subject.day0()).isEqualTo(LocalDate.of(2026, 11, 29));
        assertThat(subject.cd19InfusedAt()).isEqualTo(CORRECTED_AT);
        assertThat(subjects.count(null)).isEqualTo(1);
    }
}
