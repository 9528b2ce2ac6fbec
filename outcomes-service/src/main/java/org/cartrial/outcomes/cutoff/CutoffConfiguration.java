package org.cartrial.outcomes.cutoff;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.cartrial.outcomes.cutoff.domain.DataCutoffSeal;
import org.cartrial.outcomes.cutoff.query.SealedCutoffs;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

/** Sealed data cut-offs: the seal aggregate and the list of seals. */
@Configuration(proxyBeanMethods = false)
class CutoffConfiguration {

    @Bean
    ConfigurerModule dataCutoffSealAggregate() {
        return configurer -> configurer.configureAggregate(DataCutoffSeal.class);
    }

    @Bean
    SealedCutoffs sealedCutoffs(EventStore eventStore, MongoTemplate mongo) {
        return new SealedCutoffs(eventStore, mongo);
    }
}
