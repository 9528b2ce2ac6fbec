package org.cartrial.web;

import java.util.List;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestHeader;

/**
 * What every screen's model holds: the signed-in person (from the relayed token) and the CSRF token the gateway handed
 * the page, which its htmx requests send back.
 */
@ControllerAdvice
class PageModel {

    @ModelAttribute
    void common(@AuthenticationPrincipal Jwt jwt,
            @RequestHeader(name = "X-Trial-Csrf-Token", required = false) String csrf, Model model) {
        if (jwt == null) {
            return;
        }
        List<String> roles = jwt.getClaimAsStringList("roles");
        List<String> sites = jwt.getClaimAsStringList("sites");
        model.addAttribute("me", new Person(jwt.getSubject(), roles == null || roles.isEmpty() ? "" : roles.get(0),
                sites == null ? List.of() : sites));
        model.addAttribute("csrf", csrf == null ? "" : csrf);
    }
}
