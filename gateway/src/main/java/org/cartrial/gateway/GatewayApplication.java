package org.cartrial.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The one public entry of the platform: checks the caller's token, routes {@code /api/<context>/**} to the service
 * that owns the context, and passes server-sent-event streams through unbuffered. It is its own process with its
 * own {@code application.yml}; everything that differs between the embedded default and production comes from
 * environment variables (see {@code docs/deployment.md}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GatewayApplication {

    public static void main(String[] args) {
        SpringApplication.run(GatewayApplication.class, args);
    }
}
