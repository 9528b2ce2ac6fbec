package org.cartrial.web.admin;

import java.time.LocalDate;
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

    /** One protocol setting on the screen: its name in the API and its words (with the unit) for the trial team. */
    record Setting(String name, String label) {
    }

    /** The settings of one protocol section, in the protocol's order. */
    record Section(String title, List<Setting> settings) {
    }

    /** Every setting an amendment sets, grouped by protocol section, with their words on the form. */
    static final List<Section> SECTIONS = List.of(
            new Section("Section 1 – Eligibility", List.of(
                    new Setting("minAgeYears", "Minimum age (years)"),
                    new Setting("maxAgeYears", "Maximum age (years)"),
                    new Setting("cd19ExpressionAbovePercent", "CD19 expression above (% of blasts)"),
                    new Setting("cd22ExpressionAbovePercent", "CD22 expression above (% of blasts)"),
                    new Setting("mrdPositiveMoreThanMonths", "MRD positive for more than (months)"),
                    new Setting("lanskyBelowAgeYears", "Lansky scale below age (years; Karnofsky from it)"),
                    new Setting("minLansky", "Minimum Lansky score (0-100)"),
                    new Setting("minKarnofsky", "Minimum Karnofsky score (0-100)"),
                    new Setting("maxEcog", "Maximum ECOG (0-5)"),
                    new Setting("assentFromAgeYears", "Child's assent from age (years)"))),
            new Section("Section 2 – Dose", List.of(
                    new Setting("minDose10e6CellsPerKg", "Minimum dose (10⁶ CAR-T cells/kg)"),
                    new Setting("maxDose10e6CellsPerKg", "Maximum dose (10⁶ CAR-T cells/kg)"))),
            new Section("Section 3 – Safety monitoring and reporting", List.of(
                    new Setting("monitoringPriorAlpha", "Monitoring rule: Beta prior α (above 0)"),
                    new Setting("monitoringPriorBeta", "Monitoring rule: Beta prior β (above 0)"),
                    new Setting("monitoringToxicityRateAbove",
                            "Monitoring rule: toxicity rate above (fraction 0-1, e.g. 0.20 = 20 %)"),
                    new Setting("monitoringProbabilityAbove",
                            "Monitoring rule: signal when that probability is above (fraction 0-1, e.g. 0.90)"),
                    new Setting("monitoringBoundaryTableSize", "Monitoring rule: boundary table up to (infused subjects)"),
                    new Setting("saeReportHours", "Serious adverse event reported to the sponsor within (hours)"))),
            new Section("Section 4 – Response and relapse", List.of(
                    new Setting("crMarrowBlastsBelowPercent", "Complete remission: marrow blasts below (%)"),
                    new Setting("minAncPer10e9L", "Complete remission: ANC at least (× 10⁹/L; below it CRi)"),
                    new Setting("minPlateletsPer10e9L", "Complete remission: platelets at least (× 10⁹/L; below it CRi)"),
                    new Setting("mrdNegativeBelowPercent", "MRD negative below (%, e.g. 0.01 = 10⁻⁴)"),
                    new Setting("partialResponseMinReduction",
                            "Partial response: blasts fall by at least (fraction of baseline, e.g. 0.5 = half)"),
                    new Setting("partialResponseMaxBlastsPercent", "Partial response: marrow blasts at most (%)"),
                    new Setting("relapseMarrowBlastsAbovePercent", "Relapse: marrow blasts above (%)"))));

    static final List<Setting> SETTINGS = SECTIONS.stream().flatMap(s -> s.settings().stream()).toList();

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
        // an amendment usually changes one or two settings: the form starts from the latest version's, which the
        // enrollment service also completes an amendment from (a version already amended for a later date included)
        Map<String, String> latest = new LinkedHashMap<>();
        if (versions.ok() && versions.body().size() > 0) {
            JsonNode last = versions.body().get(versions.body().size() - 1);
            model.addAttribute("latest", last);
            SETTINGS.forEach(t -> latest.put(t.name(), last.path(t.name()).asText("")));
        }
        model.addAttribute("inForce", versions.ok() ? inForceOn(versions.body(), LocalDate.now()) : null);
        model.addAttribute("amendment", FilledForm.blank(latest));
        model.addAttribute("sections", SECTIONS);
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
        SETTINGS.forEach(t -> body.put(t.name(), FormValues.number(v, t.name())));
        Api.Answer answer = api.post("/api/enrollment/protocol/amendments", body);
        FilledForm filled = FilledForm.answered(v, answer, Map.of(),
                "Protocol version " + v.get("version") + " recorded, effective from " + v.get("effectiveFrom") + ".");
        response.setStatus(filled.status());
        model.addAttribute("amendment", filled);
        model.addAttribute("sections", SECTIONS);
        return "admin :: amendment";
    }

    /** The version in force on {@code date}: the last to take effect on or before it (versions come oldest first). */
    static JsonNode inForceOn(JsonNode versions, LocalDate date) {
        JsonNode inForce = null;
        for (JsonNode v : versions) {
            if (!LocalDate.parse(v.path("effectiveFrom").asText()).isAfter(date)) {
                inForce = v;
            }
        }
        return inForce;
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
