package org.cartrial.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The screens. Each reads and writes through the services' APIs as the signed-in person ({@link Api}); what a person
 * may see is what the services answer them (a site's staff get their own site's subjects only).
 */
@Controller
class Pages {

    private final Api api;

    Pages(Api api) {
        this.api = api;
    }

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

    @GetMapping({"/app", "/app/"})
    String home() {
        return "home";
    }

    // ---- site staff ------------------------------------------------------------------------------------------

    @GetMapping("/app/subjects")
    String subjects(@ModelAttribute("me") Person me, Model model) {
        Api.Answer answer = api.get("/api/enrollment/subjects" + (me.siteStaff() ? "?site=" + me.site() : ""));
        model.addAttribute("answer", answer);
        List<JsonNode> subjects = new ArrayList<>();
        JsonNode list = answer.body().isArray() ? answer.body() : answer.body().path("subjects");
        list.forEach(subjects::add);
        model.addAttribute("subjects", subjects);
        model.addAttribute("today", LocalDate.now().toString());
        return "subjects";
    }

    @GetMapping("/app/screening")
    String screeningForm(@ModelAttribute("me") Person me, Model model) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("screeningDate", LocalDate.now().toString());
        values.put("scale", "LANSKY");
        values.put("diseaseStatus", "RELAPSED_REFRACTORY");
        values.put("consentFormVersion", "ICF-2.1");
        model.addAttribute("v", values);
        model.addAttribute("errors", Map.of());
        return "screening";
    }

    @PostMapping("/app/screening")
    String screen(@ModelAttribute("me") Person me, @RequestParam MultiValueMap<String, String> form, Model model) {
        Map<String, String> v = form.toSingleValueMap();
        // what cannot be a number or a date is named here, beside its field, and sent as missing: a body the
        // service cannot read at all would name no field
        Map<String, List<String>> unreadable = new LinkedHashMap<>();
        for (String field : List.of("ageYears", "weightKg", "score", "cd19ExpressionPercent", "cd22ExpressionPercent")) {
            if (number(v, field) instanceof String) {
                unreadable.put(field, new ArrayList<>(List.of("Enter a number, e.g. 8.5.")));
            }
        }
        for (String field : List.of("screeningDate", "guardianConsentOn")) {
            if (text(v, field) != null) {
                try {
                    LocalDate.parse(text(v, field));
                } catch (RuntimeException e) {
                    unreadable.put(field, new ArrayList<>(List.of("Enter a real date (year-month-day).")));
                }
            }
        }
        Map<String, String> sent = new LinkedHashMap<>(v);
        unreadable.keySet().forEach(sent::remove);
        Map<String, String> values = v;
        v = sent;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("subjectId", text(v, "subjectId"));
        body.put("siteId", me.site());
        body.put("screeningDate", text(v, "screeningDate"));
        body.put("ageYears", number(v, "ageYears"));
        body.put("weightKg", number(v, "weightKg"));
        body.put("sex", text(v, "sex"));
        body.put("performance", map("scale", text(v, "scale"), "score", number(v, "score")));
        Map<String, Object> diagnosis = map("whoBAllByMorphology", v.containsKey("whoBAllByMorphology"),
                "flowImmunophenotypeDone", v.containsKey("flowImmunophenotypeDone"),
                "karyotypeDone", v.containsKey("karyotypeDone"), "fusionGeneScreenDone", v.containsKey("fusionGeneScreenDone"));
        diagnosis.put("fusionGeneFound", text(v, "fusionGeneFound"));
        body.put("diagnosis", diagnosis);
        body.put("diseaseStatus", text(v, "diseaseStatus"));
        body.put("cd19ExpressionPercent", number(v, "cd19ExpressionPercent"));
        body.put("cd22ExpressionPercent", number(v, "cd22ExpressionPercent"));
        body.put("consent", map("guardianConsentOn", text(v, "guardianConsentOn"),
                "consentFormVersion", text(v, "consentFormVersion")));
        Api.Answer answer = api.post("/api/enrollment/screenings", body);
        Map<String, List<String>> errors = new LinkedHashMap<>(answer.ok() ? Map.of() : answer.fieldErrors());
        unreadable.forEach((field, messages) -> errors.put(field, messages));
        for (JsonNode failed : answer.body().path("failedCriteria")) {
            String field = Words.CRITERION_FIELD.getOrDefault(failed.path("code").asText(), "subjectId");
            errors.computeIfAbsent(field, k -> new ArrayList<>()).add(failed.path("message").asText(failed.path("code").asText()));
        }
        model.addAttribute("v", values);
        model.addAttribute("errors", errors);
        model.addAttribute("answer", answer);
        return "screening :: form";
    }

    @PostMapping("/app/subjects/{id}/enrolment")
    String enrol(@PathVariable String id, @RequestParam String enrolledOn, Model model) {
        model.addAttribute("answer", api.post("/api/enrollment/subjects/" + id + "/enrolment",
                Map.of("enrolledOn", enrolledOn)));
        model.addAttribute("done", "Enrolled.");
        return "fragments :: result";
    }

    @GetMapping("/app/subjects/{id}")
    String subject(@PathVariable String id, Model model) {
        model.addAttribute("id", id);
        model.addAttribute("subject", api.get("/api/enrollment/subjects/" + id));
        model.addAttribute("readiness", api.get("/api/infusion/subjects/" + id + "/readiness"));
        model.addAttribute("today", LocalDate.now().toString());
        return "subject";
    }

    @PostMapping("/app/subjects/{id}/lymphodepletion")
    String lymphodepletion(@ModelAttribute("me") Person me, @PathVariable String id,
            @RequestParam MultiValueMap<String, String> form, Model model) {
        Map<String, String> v = form.toSingleValueMap();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("subjectId", id);
        body.put("siteId", me.site());
        body.put("beforeProduct", text(v, "beforeProduct"));
        body.put("agents", List.of(map("drug", "fludarabine", "doseMgPerM2", number(v, "fludarabine")),
                map("drug", "cyclophosphamide", "doseMgPerM2", number(v, "cyclophosphamide"))));
        body.put("heightCm", number(v, "heightCm"));
        body.put("weightKg", number(v, "weightKg"));
        body.put("startedOn", text(v, "startedOn"));
        body.put("lastDoseOn", text(v, "lastDoseOn"));
        model.addAttribute("answer", api.post("/api/infusion/lymphodepletions", body));
        model.addAttribute("done", "Lymphodepletion recorded.");
        return "fragments :: result";
    }

    @PostMapping("/app/subjects/{id}/infusion")
    String infusion(@ModelAttribute("me") Person me, @PathVariable String id,
            @RequestParam MultiValueMap<String, String> form, Model model) {
        Map<String, String> v = form.toSingleValueMap();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("subjectId", id);
        body.put("siteId", me.site());
        body.put("product", text(v, "product"));
        body.put("infusedAt", text(v, "infusedAt") == null ? null : text(v, "infusedAt") + ":00Z");
        body.put("dose10e6CellsPerKg", number(v, "dose"));
        body.put("weightKg", number(v, "weightKg"));
        body.put("productLot", text(v, "productLot"));
        model.addAttribute("answer", api.post("/api/infusion/infusions", body));
        model.addAttribute("done", text(v, "product") + " infusion recorded.");
        return "fragments :: result";
    }

    // ---- safety officer --------------------------------------------------------------------------------------

    @GetMapping("/app/safety")
    String safety(Model model) {
        model.addAttribute("deadlines", api.get("/api/safety/deadlines"));
        return "safety";
    }

    /** The safety service's server-sent events, passed through as they come (the browser never holds a token). */
    @GetMapping(path = "/app/safety/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    ResponseEntity<StreamingResponseBody> safetyStream(
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) throws Exception {
        HttpResponse<InputStream> upstream = api.stream("/api/safety/stream", MediaType.TEXT_EVENT_STREAM_VALUE);
        if (upstream.statusCode() != 200) {
            upstream.body().close();
            return ResponseEntity.status(upstream.statusCode()).build();
        }
        StreamingResponseBody body = (OutputStream out) -> {
            try (InputStream in = upstream.body()) {
                byte[] buffer = new byte[4096];
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            }
        };
        return ResponseEntity.ok().contentType(MediaType.TEXT_EVENT_STREAM).header("Cache-Control", "no-cache")
                .header("X-Accel-Buffering", "no").body(body);
    }

    // ---- analyst ---------------------------------------------------------------------------------------------

    @GetMapping("/app/analyst")
    String analyst(@RequestParam(required = false) String asOf, Model model) {
        String cutOff = asOf == null || asOf.isBlank() ? LocalDate.now().toString() : asOf;
        try {
            LocalDate.parse(cutOff);
        } catch (RuntimeException e) {
            cutOff = LocalDate.now().toString();
        }
        model.addAttribute("asOf", cutOff);
        model.addAttribute("consort", api.get("/api/outcomes/consort"));
        return "analyst";
    }

    @GetMapping(path = "/app/analyst/curves/{name}.svg")
    ResponseEntity<byte[]> curve(@PathVariable String name, @RequestParam String asOf) throws Exception {
        if (!List.of("os", "efs", "dfs", "cir", "swimmer").contains(name)) {
            return ResponseEntity.notFound().build();
        }
        LocalDate date = LocalDate.parse(asOf);
        String path = name.equals("swimmer") ? "/api/outcomes/analyses/swimmer.svg?asOf=" + date
                : "/api/outcomes/analyses/curves/" + name + ".svg?asOf=" + date;
        HttpResponse<InputStream> upstream = api.stream(path, "image/svg+xml");
        try (InputStream in = upstream.body()) {
            byte[] svg = in.readAllBytes();
            return ResponseEntity.status(upstream.statusCode()).contentType(MediaType.valueOf(
                    upstream.statusCode() == 200 ? "image/svg+xml" : "application/problem+json")).body(svg);
        }
    }

    // ---- admin -----------------------------------------------------------------------------------------------

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

    // ---------------------------------------------------------------------------------------------------------

    private static String text(Map<String, String> v, String name) {
        String value = v.get(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** A number as a JSON number; anything else is sent as written, so the service names the field and the rule. */
    private static Object number(Map<String, String> v, String name) {
        String value = text(v, name);
        if (value == null) {
            return null;
        }
        try {
            return new BigDecimal(value.replace(',', '.'));
        } catch (NumberFormatException e) {
            return value;
        }
    }

    private static Map<String, Object> map(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

}
