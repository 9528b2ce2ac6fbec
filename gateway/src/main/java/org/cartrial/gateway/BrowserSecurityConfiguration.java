package org.cartrial.gateway;

import java.net.URI;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.client.AuthorizationCodeReactiveOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.server.DefaultServerOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.authentication.logout.RedirectServerLogoutSuccessHandler;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.server.csrf.WebSessionServerCsrfTokenRepository;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;

import reactor.core.publisher.Mono;

/**
 * The gateway as the backend for the browser (BFF): people sign in at the authorization server with the
 * authorization-code flow and PKCE ({@code oauth2Login}); the tokens stay in the gateway's session, the browser only
 * holds the session cookie (HttpOnly, SameSite=Lax); {@code /app/**} is relayed to the web application with the
 * person's access token (TokenRelay). CSRF is on: a changing request must carry the session's token in the
 * {@code X-XSRF-TOKEN} header (the web application's pages send it with every htmx request; the gateway gives the
 * page the token in the {@code X-Trial-Csrf-Token} request header). Only the header is read, never the form body,
 * so the body reaches the web application untouched. The {@code /api/**} chain stays as it was: bearer tokens, no
 * session.
 */
@Configuration(proxyBeanMethods = false)
class BrowserSecurityConfiguration {

    /** The request header that hands the page its CSRF token (any value the browser sends is replaced). */
    static final String CSRF_TO_PAGE = "X-Trial-Csrf-Token";

    @Bean
    @Order(1)
    SecurityWebFilterChain browserSecurityFilterChain(ServerHttpSecurity http,
            ReactiveClientRegistrationRepository registrations) {
        DefaultServerOAuth2AuthorizationRequestResolver pkce = new DefaultServerOAuth2AuthorizationRequestResolver(registrations);
        pkce.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        WebSessionServerCsrfTokenRepository csrfTokens = new WebSessionServerCsrfTokenRepository();
        csrfTokens.setHeaderName("X-XSRF-TOKEN");
        ServerCsrfTokenRequestAttributeHandler headerOnly = new ServerCsrfTokenRequestAttributeHandler() {
            @Override
            public Mono<String> resolveCsrfTokenValue(ServerWebExchange exchange, CsrfToken csrfToken) {
                return Mono.justOrEmpty(exchange.getRequest().getHeaders().getFirst(csrfToken.getHeaderName()));
            }
        };
        RedirectServerLogoutSuccessHandler signedOut = new RedirectServerLogoutSuccessHandler();
        signedOut.setLogoutSuccessUrl(URI.create("/app/"));
        return http
                .securityMatcher(ServerWebExchangeMatchers.pathMatchers("/app", "/app/**", "/login/**", "/oauth2/**",
                        "/logout"))
                .authorizeExchange(a -> a.anyExchange().authenticated())
                .oauth2Login(o -> o.authorizationRequestResolver(pkce)
                        .authenticationSuccessHandler(new RedirectServerAuthenticationSuccessHandler("/app/")))
                .exceptionHandling(e -> e.authenticationEntryPoint(
                        new RedirectServerAuthenticationEntryPoint("/oauth2/authorization/trial")))
                .csrf(c -> c.csrfTokenRepository(csrfTokens).csrfTokenRequestHandler(headerOnly))
                .logout(l -> l.logoutUrl("/logout").logoutSuccessHandler(signedOut))
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .build();
    }

    /** Hands the page rendered behind /app its CSRF token; a browser's own header of that name is dropped. */
    @Bean
    WebFilter csrfTokenToPage() {
        return (exchange, chain) -> {
            String path = exchange.getRequest().getPath().value();
            if (!path.equals("/app") && !path.startsWith("/app/")) {
                return chain.filter(exchange);
            }
            Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
            ServerWebExchange stripped = exchange.mutate().request(r -> r.headers(h -> h.remove(CSRF_TO_PAGE))).build();
            if (token == null) {
                return chain.filter(stripped);
            }
            return token.map(t -> stripped.mutate().request(r -> r.header(CSRF_TO_PAGE, t.getToken())).build())
                    .defaultIfEmpty(stripped)
                    .flatMap(chain::filter);
        };
    }

    /** The person's tokens are those their sign-in got (no refresh token: a new sign-in after an hour). */
    @Bean
    ReactiveOAuth2AuthorizedClientManager authorizedClientManager(ReactiveClientRegistrationRepository registrations,
            ServerOAuth2AuthorizedClientRepository authorizedClients) {
        DefaultReactiveOAuth2AuthorizedClientManager manager = new DefaultReactiveOAuth2AuthorizedClientManager(
                registrations, authorizedClients);
        manager.setAuthorizedClientProvider(new AuthorizationCodeReactiveOAuth2AuthorizedClientProvider());
        return manager;
    }

}
