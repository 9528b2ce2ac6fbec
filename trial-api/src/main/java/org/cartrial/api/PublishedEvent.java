package org.cartrial.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an event record as part of the published language: it leaves its service on the context's Kafka topic,
 * typed {@code org.cartrial.<context>.<SimpleName>.v<version>} in the CloudEvents {@code ce_type} header.
 * A change that breaks readers bumps the version; readers keep the old record under a new name.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface PublishedEvent {
    TrialContext context();

    int version() default 1;
}
