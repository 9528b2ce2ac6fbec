package org.cartrial.api.consistency;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * How far a client has seen the trial's event road: for each Kafka topic partition the offset of the newest event
 * the client's writes put there. Every write answer carries it in the {@value #HEADER} header; a request that sends
 * it back is served only once the receiving service's read models have applied every one of those events, so a
 * site's next command never trips over its own previous write still in flight.
 * <p>
 * Text form: {@code topic:partition:offset} entries separated by commas, e.g.
 * {@code trial.enrollment.events:2:17,trial.outcomes.events:0:5}. Two tokens merge by taking, per partition, the
 * newer offset, so a client only ever needs to keep the last token it was given.
 */
public record ConsistencyToken(Map<Partition, Long> offsets) {

    public static final String HEADER = "Trial-Consistency";
    /** At most this many partitions in one token (topics x partitions of a trial stay far below it). */
    public static final int MAX_PARTITIONS = 256;
    public static final ConsistencyToken EMPTY = new ConsistencyToken(Map.of());

    private static final Pattern ENTRY = Pattern.compile("([A-Za-z0-9._-]{1,249}):(\\d{1,9}):(\\d{1,18})");

    /** One partition of one topic. */
    public record Partition(String topic, int partition) implements Comparable<Partition> {

        @Override
        public int compareTo(Partition other) {
            int byTopic = topic.compareTo(other.topic);
            return byTopic != 0 ? byTopic : Integer.compare(partition, other.partition);
        }
    }

    public ConsistencyToken {
        offsets = Collections.unmodifiableMap(new TreeMap<>(offsets));
    }

    /** A token of one event's position. */
    public static ConsistencyToken of(String topic, int partition, long offset) {
        return new ConsistencyToken(Map.of(new Partition(topic, partition), offset));
    }

    /**
     * Reads the header's text form.
     *
     * @throws IllegalArgumentException naming what is wrong with it
     */
    public static ConsistencyToken parse(String text) {
        if (text == null || text.isBlank()) {
            return EMPTY;
        }
        String[] entries = text.strip().split("\\s*,\\s*");
        if (entries.length > MAX_PARTITIONS) {
            throw new IllegalArgumentException("must name at most " + MAX_PARTITIONS + " partitions");
        }
        Map<Partition, Long> offsets = new TreeMap<>();
        for (String entry : entries) {
            var match = ENTRY.matcher(entry);
            if (!match.matches()) {
                throw new IllegalArgumentException(
                        "must be comma-separated topic:partition:offset entries as a write answer gave them");
            }
            offsets.merge(new Partition(match.group(1), Integer.parseInt(match.group(2))),
                    Long.parseLong(match.group(3)), Math::max);
        }
        return new ConsistencyToken(offsets);
    }

    /** Per partition the newer of the two offsets. */
    public ConsistencyToken merge(ConsistencyToken other) {
        if (other.offsets.isEmpty()) {
            return this;
        }
        if (offsets.isEmpty()) {
            return other;
        }
        Map<Partition, Long> merged = new TreeMap<>(offsets);
        other.offsets.forEach((partition, offset) -> merged.merge(partition, offset, Math::max));
        return new ConsistencyToken(merged);
    }

    /** The part of the token about these topics. */
    public ConsistencyToken only(Collection<String> topics) {
        return new ConsistencyToken(offsets.entrySet().stream().filter(e -> topics.contains(e.getKey().topic()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    /** The token without the partitions of one topic. */
    public ConsistencyToken without(String topic) {
        return new ConsistencyToken(offsets.entrySet().stream().filter(e -> !e.getKey().topic().equals(topic))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    public boolean isEmpty() {
        return offsets.isEmpty();
    }

    @Override
    public String toString() {
        return offsets.entrySet().stream()
                .map(e -> e.getKey().topic() + ":" + e.getKey().partition() + ":" + e.getValue())
                .collect(Collectors.joining(","));
    }
}
