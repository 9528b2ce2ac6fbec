package org.cartrial.enrollment.site;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.cartrial.enrollment.site.domain.Site;
import org.cartrial.enrollment.site.query.SiteDirectory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

/** Registers the plain-Java Site aggregate, the check screenings ask, and the site directory read model. */
@Configuration(proxyBeanMethods = false)
class SiteConfiguration {

    @Bean
    ConfigurerModule siteAggregate() {
        return configurer -> configurer.configureAggregate(Site.class);
    }

    @Bean
    EventStoreRegisteredSites registeredSites(EventStore eventStore) {
        return new EventStoreRegisteredSites(eventStore);
    }

    @Bean
    SiteDirectory siteDirectory(MongoTemplate mongo) {
        return new SiteDirectory(mongo);
    }
}
