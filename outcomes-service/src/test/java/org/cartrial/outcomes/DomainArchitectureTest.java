package org.cartrial.outcomes;

import org.cartrial.testsupport.DomainPurityRules;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

class DomainArchitectureTest {

    @Test
    void domain_packages_are_free_of_spring_kafka_and_mongodb() {
        DomainPurityRules.domainIsFrameworkFree("org.cartrial.outcomes")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("org.cartrial.outcomes"));
    }
}
