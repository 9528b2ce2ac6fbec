package org.cartrial.safety.listing.query;

import org.cartrial.support.events.IdempotentProjection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The adverse-event listing, fed by the one consumer of the safety topic (see the stream's configuration). */
@Configuration(proxyBeanMethods = false)
class AdverseEventListingConfiguration {

    @Bean
    AdverseEventListing adverseEventListing(IdempotentProjection projection, MongoTemplate mongo) {
        return new AdverseEventListing(projection, mongo);
    }
}
