package org.cartrial.web;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The trial's screens for people: server-rendered pages (Thymeleaf, with htmx for partial updates) behind the
 * gateway, which signs people in and relays their access token here. No token ever reaches the browser.
 */
@SpringBootApplication
@EnableConfigurationProperties(WebSettings.class)
public class WebApplication {

    public static void main(String[] args) {
        SpringApplication.run(WebApplication.class, args);
    }
}
