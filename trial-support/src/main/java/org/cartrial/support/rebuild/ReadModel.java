package org.cartrial.support.rebuild;

import java.util.List;

/**
 * A read model that can be rebuilt from the topics: its name in the API, the Spring Cloud Stream input binding
 * that feeds it (its own consumer group) and the MongoDB collections that hold it.
 */
public record ReadModel(String name, String binding, List<String> collections) {

    public ReadModel {
        collections = List.copyOf(collections);
    }
}
