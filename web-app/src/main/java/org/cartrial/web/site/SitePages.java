package org.cartrial.web.site;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cartrial.web.Api;
import org.cartrial.web.FormValues;
import org.cartrial.web.Person;
import org.cartrial.web.Words;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The screens of a site's staff: their subjects with status, the screening form (every failed criterion beside its
 * field, the values kept), enrolment, lymphodepletion and the infusions with the CD22 gate's reasons. What they see is
 * what the services answer them through {@link Api}: their own site's subjects only.
 */
@Controller
class SitePages {

    private final Api api;

    SitePages(Api api) {
        this.api = api;
    }

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
            if (FormValues.number(v, field) instanceof String) {
                unreadable.put(field, new ArrayList<>(List.of("Enter a number, e.g. 8.5.")));
            }
        }
        for (String field : List.of("screeningDate", "guardianConsentOn")) {
            if (FormValues.text(v, field) != null) {
                try {
                    LocalDate.parse(FormValues.text(v, field));
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
        body.put("subjectId", FormValues.text(v, "subjectId"));
        body.put("siteId", me.site());
        body.put("screeningDate", FormValues.text(v, "screeningDate"));
        body.put("ageYears", FormValues.number(v, "ageYears"));
        body.put("weightKg", FormValues.number(v, "weightKg"));
        body.put("sex", FormValues.text(v, "sex"));
        body.put("performance", FormValues.map("scale", FormValues.text(v, "scale"), "score", FormValues.number(v, "score")));
        Map<String, Object> diagnosis = FormValues.map("whoBAllByMorphology", v.containsKey("whoBAllByMorphology"),
                "flowImmunophenotypeDone", v.containsKey("flowImmunophenotypeDone"),
                "karyotypeDone", v.containsKey("karyotypeDone"), "fusionGeneScreenDone", v.containsKey("fusionGeneScreenDone"));
        diagnosis.put("fusionGeneFound", FormValues.text(v, "fusionGeneFound"));
        body.put("diagnosis", diagnosis);
        body.put("diseaseStatus", FormValues.text(v, "diseaseStatus"));
        body.put("cd19ExpressionPercent", FormValues.number(v, "cd19ExpressionPercent"));
        body.put("cd22ExpressionPercent", FormValues.number(v, "cd22ExpressionPercent"));
        body.put("consent", FormValues.map("guardianConsentOn", FormValues.text(v, "guardianConsentOn"),
                "consentFormVersion", FormValues.text(v, "consentFormVersion")));
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
        body.put("beforeProduct", FormValues.text(v, "beforeProduct"));
        body.put("agents", List.of(FormValues.map("drug", "fludarabine", "doseMgPerM2", FormValues.number(v, "fludarabine")),
                FormValues.map("drug", "cyclophosphamide", "doseMgPerM2", FormValues.number(v, "cyclophosphamide"))));
        body.put("heightCm", FormValues.number(v, "heightCm"));
        body.put("weightKg", FormValues.number(v, "weightKg"));
        body.put("startedOn", FormValues.text(v, "startedOn"));
        body.put("lastDoseOn", FormValues.text(v, "lastDoseOn"));
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
        body.put("product", FormValues.text(v, "product"));
        body.put("infusedAt", FormValues.text(v, "infusedAt") == null ? null : FormValues.text(v, "infusedAt") + ":00Z");
        body.put("dose10e6CellsPerKg", FormValues.number(v, "dose"));
        body.put("weightKg", FormValues.number(v, "weightKg"));
        body.put("productLot", FormValues.text(v, "productLot"));
        model.addAttribute("answer", api.post("/api/infusion/infusions", body));
        model.addAttribute("done", FormValues.text(v, "product") + " infusion recorded.");
        return "fragments :: result";
    }
}
