package org.cartrial.web.admin;

import java.util.LinkedHashMap;
import java.util.Map;

import org.cartrial.web.Api;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The admin's screens: the sites (register one) and the people who sign in (add a site's first users, no restart). */
@Controller
class AdminPages {

    private final Api api;

    AdminPages(Api api) {
        this.api = api;
    }

    @GetMapping("/app/admin")
    String admin(Model model) {
        model.addAttribute("sites", api.get("/api/enrollment/sites"));
        return "admin";
    }

    @PostMapping("/app/admin/sites")
    String registerSite(@RequestParam String siteId, @RequestParam String name, @RequestParam String country, Model model) {
        model.addAttribute("answer", api.post("/api/enrollment/sites",
                Map.of("siteId", siteId.trim(), "name", name.trim(), "country", country.trim())));
        model.addAttribute("done", "Site " + siteId + " registered.");
        return "fragments :: result";
    }

    @PostMapping("/app/admin/users")
    String addUser(@RequestParam String name, @RequestParam String role, @RequestParam(required = false) String site,
            Model model) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name.trim());
        body.put("role", role);
        body.put("site", site == null ? null : site.trim());
        Api.Answer answer = api.post(api.authUrl() + "/admin/users", body, null);
        model.addAttribute("answer", answer);
        model.addAttribute("done", answer.ok() ? "User " + name + " added. Their first password (shown once): "
                + answer.body().path("password").asText() : "");
        return "fragments :: result";
    }
}
