package org.cartrial.testsupport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;

/**
 * The boundary every service keeps: domain packages (aggregates, rules, statistics) are plain Java with Axon's
 * modelling annotations at most; no Spring, Kafka, MongoDB, servlet or Jackson-web imports.
 */
public final class DomainPurityRules {

    private DomainPurityRules() {
    }

    public static ArchRule domainIsFrameworkFree(String basePackage) {
        return noClasses().that().resideInAPackage(basePackage + "..domain..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework..", "org.apache.kafka..", "com.mongodb..", "org.bson..",
                        "jakarta.servlet..", "jakarta.persistence..", "org.axonframework.spring..",
                        "org.cartrial.support..")
                .because("domain code is plain Java, tested without a framework (architecture.md)");
    }
}
