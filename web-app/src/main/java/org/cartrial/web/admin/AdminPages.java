package org.cartrial.web.admin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.cartrial.web.Api;
import org.cartrial.web.FilledForm;
import org.cartrial.web.FormValues;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The admin's screens: the sites (register one), the protocol's versions (amend it: a new version from a date, the
 * old ones kept) and the people who sign in (add a site's first users, no restart).
 */
@Controller
class AdminPages {

    /** The thresholds an amendment sets, in the order of protocol sections 1-2, with their words on the form. */
    static final List<String[]> THRESHOLDS = List.of(
            new String[] {"minAgeYears", "Minimum age (years)"},
            new String[] {"maxAgeYears", "Maximum age (years)"},
            new String[] {"cd19ExpressionAbovePercent", "CD19 expression above (%)"},
            new String[] {"cd22ExpressionAbovePercent", "CD22 expression above (%)"},
            new String[] {"mrdPositiveMoreThanMonths", "MRD positive for more than (months)"},
            new String[] {"lanskyBelowAgeYears", "Lansky scale below age (years)"},
            new String[] {"minLansky", "Minimum Lansky score"},
            new String[] {"minKarnofsky", "Minimum Karnofsky score"},
            new String[] {"maxEcog", "Maximum ECOG"},
            new String[] {"assentFromAgeYears", "Child's assent from age (years)"},
            new String[] {"minDose10e6CellsPerKg", "Minimum dose (10⁶ cells/kg)"},
            new String[] {"maxDose10e6CellsPerKg", "Maximum dose (10⁶ cells/kg)"});

    private final Api api;

    AdminPages(Api api) {
        this.api = api;
    }

    @GetMapping("/app/admin")
    String admin(Model model) {
        model.addAttribute("sites", api.get("/api/enrollment/sites"));
        Api.Answer versions = api.get("/api/enrollment/protocol/versions");
        model.addAttribute("versions", versions);
        model.addAttribute("people", api.getAt(api.authUrl() + "/admin/users"));
        // an amendment usually changes one or two thresholds: the form starts from the latest version's
        Map<String, String> latest = new LinkedHashMap<>();
        if (versions.ok() && versions.body().size() > 0) {
            JsonNode last = versions.body().get(versions.body().size() - 1);
            THRESHOLDS.forEach(t -> latest.put(t[0], last.path(t[0]).asText("")));
        }
        model.addAttribute("amendment", FilledForm.blank(latest));
        model.addAttribute("thresholds", THRESHOLDS);
        return "admin";
    }

    @PostMapping("/app/admin/sites")
    String registerSite(@RequestParam String siteId, @RequestParam String name, @RequestParam String country, Model model,
            HttpServletResponse response) {
        Api.Answer answer = api.post("/api/enrollment/sites",
                Map.of("siteId", siteId.trim(), "name", name.trim(), "country", country.trim()));
        model.addAttribute("answer", answer);
        model.addAttribute("done", "Site " + siteId + " registered.");
        response.setStatus(FilledForm.answered(Map.of(), answer, Map.of(), null).status());
        return "fragments :: result";
    }

    @PostMapping("/app/admin/protocol/amendments")
    String amend(@RequestParam MultiValueMap<String, String> form, Model model, HttpServletResponse response) {
        Map<String, String> v = form.toSingleValueMap();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", FormValues.text(v, "version"));
        body.put("effectiveFrom", FormValues.text(v, "effectiveFrom"));
        body.put("reason", FormValues.text(v, "reason"));
        THRESHOLDS.forEach(t -> body.put(t[0], FormValues.number(v, t[0])));
        Api.Answer answer = api.post("/api/enrollment/protocol/amendments", body);
        FilledForm filled = FilledForm.answered(v, answer, Map.of(),
                "Protocol version " + v.get("version") + " recorded, effective from " + v.get("effectiveFrom") + ".");
        response.setStatus(filled.status());
        model.addAttribute("amendment", filled);
        model.addAttribute("thresholds", THRESHOLDS);
        return "admin :: amendment";
    }

    @PostMapping("/app/admin/users")
    String addUser(@RequestParam String name, @RequestParam String role, @RequestParam(required = false) String site,
            Model model, HttpServletResponse response) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name.trim());
        body.put("role", role);
        body.put("site", site == null ? null : site.trim());
        Api.Answer answer = api.post(api.authUrl() + "/admin/users", body, null);
        model.addAttribute("answer", answer);
        model.addAttribute("done", answer.ok() ? "User " + name + " added. Their first password (shown once): "
                + answer.body().path("password").asText() : "");
        response.setStatus(FilledForm.answered(Map.of(), answer, Map.of(), null).status());
        return "fragments :: result";
    }
}
