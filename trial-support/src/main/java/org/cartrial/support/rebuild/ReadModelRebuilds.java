package org.cartrial.support.rebuild;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.cartrial.support.events.ReadModelCollections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import org.springframework.cloud.stream.config.BindingProperties;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.data.mongodb.core.MongoTemplate;

import com.mongodb.MongoNamespace;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.RenameCollectionOptions;

/**
 * Rebuilds a read model from the start of its topics (which keep every record): stop its consumer, move its
 * consumer group back to the earliest offsets, redirect its projection into empty shadow collections, start the
 * consumer again and follow its lag until it has replayed everything the topics held when the rebuild began. Queries
 * keep reading the live collections meanwhile; once caught up, the consumer stops for a moment, each shadow replaces
 * its live collection (one rename each) and the consumer goes on where it was. The idempotent projections make the
 * replay safe even if live records interleave with it. One rebuild per read model at a time.
 */
public class ReadModelRebuilds {

    private static final Logger log = LoggerFactory.getLogger(ReadModelRebuilds.class);
    private static final Duration RESET_PATIENCE = Duration.ofSeconds(90);

    private final Map<String, ReadModel> readModels;
    private final BindingsLifecycleController bindings;
    private final BindingServiceProperties bindingProperties;
    private final MongoTemplate mongo;
    private final ReadModelCollections collections;
    private final String bootstrapServers;
    private final Clock clock;
    private final Map<String, RebuildStatus> statuses = new ConcurrentHashMap<>();

    public ReadModelRebuilds(List<ReadModel> readModels, BindingsLifecycleController bindings,
            BindingServiceProperties bindingProperties, MongoTemplate mongo, ReadModelCollections collections,
            String bootstrapServers, Clock clock) {
        this.readModels = readModels.stream().collect(Collectors.toMap(ReadModel::name, r -> r));
        this.bindings = bindings;
        this.bindingProperties = bindingProperties;
        this.mongo = mongo;
        this.collections = collections;
        this.bootstrapServers = bootstrapServers;
        this.clock = clock;
    }

    public List<String> names() {
        return readModels.keySet().stream().sorted().toList();
    }

    public Optional<RebuildStatus> status(String name) {
        return Optional.ofNullable(readModels.get(name)).map(r -> statuses.getOrDefault(name, RebuildStatus.idle(name)));
    }

    /** Starts a rebuild in the background; empty if no such read model, the running status if one is under way. */
    public synchronized Optional<RebuildStatus> start(String name) {
        ReadModel readModel = readModels.get(name);
        if (readModel == null) {
            return Optional.empty();
        }
        RebuildStatus current = statuses.get(name);
        if (current != null && current.finishedAt() == null && current.state() != RebuildStatus.State.IDLE) {
            return Optional.of(current);
        }
        RebuildStatus begun = new RebuildStatus(name, RebuildStatus.State.STOPPING_CONSUMER, 0, 0, clock.instant(),
                null, 0, null);
        statuses.put(name, begun);
        Thread worker = new Thread(() -> rebuild(readModel, begun.startedAt()), "rebuild-" + name);
        worker.setDaemon(true);
        worker.start();
        return Optional.of(begun);
    }

    private void rebuild(ReadModel readModel, Instant startedAt) {
        BindingProperties binding = bindingProperties.getBindingProperties(readModel.binding());
        String group = binding.getGroup();
        List<String> topics = Arrays.stream(binding.getDestination().split(",")).map(String::trim).toList();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            bindings.stop(readModel.binding());
            update(readModel, RebuildStatus.State.RESETTING_OFFSETS, 0, 0, startedAt, null);
            Map<TopicPartition, Long> earliest = offsets(admin, topics, OffsetSpec.earliest());
            Map<TopicPartition, Long> target = offsets(admin, topics, OffsetSpec.latest());
            long toReplay = target.entrySet().stream().mapToLong(e -> e.getValue() - earliest.get(e.getKey())).sum();
            resetGroup(admin, group, earliest);
            for (String collection : readModel.collections()) {
                mongo.dropCollection(ReadModelCollections.shadowOf(collection));
                collections.redirectToShadow(collection);
            }
            bindings.start(readModel.binding());
            update(readModel, RebuildStatus.State.REPLAYING, toReplay, 0, startedAt, null);
            long replayed;
            do {
                Thread.sleep(250);
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get();
                replayed = target.keySet().stream().mapToLong(tp -> {
                    OffsetAndMetadata offset = committed.get(tp);
                    long position = offset == null ? earliest.get(tp) : Math.min(offset.offset(), target.get(tp));
                    return position - earliest.get(tp);
                }).sum();
                update(readModel, RebuildStatus.State.REPLAYING, toReplay, replayed, startedAt, null);
            } while (replayed < toReplay);
            swapIn(readModel);
            update(readModel, RebuildStatus.State.DONE, toReplay, replayed, startedAt, clock.instant());
            log.info("read model {} rebuilt: {} records replayed", readModel.name(), replayed);
        } catch (Exception e) {
            log.error("rebuild of read model {} failed", readModel.name(), e);
            // the live collections were never touched: they go on, and the shadows are dropped
            bindings.stop(readModel.binding());
            for (String collection : readModel.collections()) {
                collections.restore(collection, false);
                mongo.dropCollection(ReadModelCollections.shadowOf(collection));
            }
            bindings.start(readModel.binding());
            RebuildStatus last = statuses.get(readModel.name());
            statuses.put(readModel.name(), new RebuildStatus(readModel.name(), RebuildStatus.State.FAILED,
                    last.recordsToReplay(), last.recordsReplayed(), startedAt, clock.instant(), 0, e.toString()));
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The consumer stops so that no event is written during the swap; each rebuilt shadow replaces its live
     * collection in one rename, and the consumer goes on from its committed offsets into the live collections.
     */
    private void swapIn(ReadModel readModel) {
        bindings.stop(readModel.binding());
        try {
            MongoDatabase database = mongo.getDb();
            for (String collection : readModel.collections()) {
                String shadow = ReadModelCollections.shadowOf(collection);
                if (!mongo.collectionExists(shadow)) {
                    mongo.createCollection(shadow); // nothing to replay: the rebuilt read model is empty
                }
                database.getCollection(shadow).renameCollection(new MongoNamespace(database.getName(), collection),
                        new RenameCollectionOptions().dropTarget(true));
                collections.restore(collection, true);
            }
        } finally {
            bindings.start(readModel.binding());
        }
    }

    /** The group's members take a moment to leave after the consumer stops; until then Kafka refuses the reset. */
    private static void resetGroup(Admin admin, String group, Map<TopicPartition, Long> earliest)
            throws InterruptedException, ExecutionException {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        earliest.forEach((tp, offset) -> offsets.put(tp, new OffsetAndMetadata(offset)));
        Instant deadline = Instant.now().plus(RESET_PATIENCE);
        while (true) {
            try {
                admin.alterConsumerGroupOffsets(group, offsets).all().get();
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof GroupNotEmptyException) || Instant.now().isAfter(deadline)) {
                    throw e;
                }
                Thread.sleep(500);
            }
        }
    }

    private static Map<TopicPartition, Long> offsets(Admin admin, List<String> topics, OffsetSpec spec)
            throws InterruptedException, ExecutionException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        admin.describeTopics(topics).allTopicNames().get().forEach((topic, description) ->
                description.partitions().forEach(p -> request.put(new TopicPartition(topic, p.partition()), spec)));
        Map<TopicPartition, Long> offsets = new HashMap<>();
        admin.listOffsets(request).all().get().forEach((tp, info) -> offsets.put(tp, info.offset()));
        return offsets;
    }

    private void update(ReadModel readModel, RebuildStatus.State state, long toReplay, long replayed, Instant startedAt,
            Instant finishedAt) {
        Instant now = finishedAt == null ? clock.instant() : finishedAt;
        double seconds = Math.max(0.001, Duration.between(startedAt, now).toMillis() / 1000.0);
        statuses.put(readModel.name(), new RebuildStatus(readModel.name(), state, toReplay, replayed, startedAt,
                finishedAt, replayed / seconds, null));
    }
}
