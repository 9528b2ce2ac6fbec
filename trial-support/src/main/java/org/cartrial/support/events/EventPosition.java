package org.cartrial.support.events;

/**
 * Where a received event sits on the event road: its topic partition and offset. A partition is consumed in order,
 * so the highest offset a read model has applied of each partition is that read model's position; it stays the
 * same when the read model is rebuilt from the topics, unlike the moment events arrive.
 */
public record EventPosition(String partition, long offset) {

    public static EventPosition of(String topic, int partition, long offset) {
        return new EventPosition(topic + "-" + partition, offset);
    }
}
