package org.cartrial.web.site;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.cartrial.web.Api;
import org.cartrial.web.FilledForm;
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
 * field, the values kept), enrolment, lymphodepletion (BSA shown), the infusions with the CD22 gate's reasons, response
 * assessments (derived response and MRD shown), follow-up, relapse, death, and the subject's timeline. A refused save
 * shows each problem beside its field and keeps what was typed. What they see is what the services answer them
 * through {@link Api}: their own site's subjects only.
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
    String enrol(@PathVariable String id, @RequestParam String enrolledOn, Model model, HttpServletResponse response) {
        Api.Answer answer = api.post("/api/enrollment/subjects/" + id + "/enrolment", Map.of("enrolledOn", enrolledOn));
        model.addAttribute("answer", answer);
        model.addAttribute("done", "Enrolled.");
        response.setStatus(FilledForm.answered(Map.of(), answer, Map.of(), null).status());
        return "fragments :: result";
    }

    /**
     * The subject's page: status, the CD22 gate as the infusion service sees it today, the assessments with their
     * derived response and MRD, and a form for each step of the course. A subject of another site is the services'
     * refusal (404), answered as such and with none of its data.
     */
    @GetMapping("/app/subjects/{id}")
    String subject(@PathVariable String id, Model model, HttpServletResponse response) {
        model.addAttribute("id", id);
        Api.Answer subject = api.get("/api/enrollment/subjects/" + id);
        model.addAttribute("subject", subject);
        if (!subject.ok()) {
            response.setStatus(subject.status());
            return "subject";
        }
        model.addAttribute("readiness", api.get("/api/infusion/subjects/" + id + "/readiness"));
        String today = LocalDate.now().toString();
        Map<String, FilledForm> forms = new LinkedHashMap<>();
        forms.put("lymphodepletion", FilledForm.blank(values("beforeProduct", "CD19", "fludarabine", "30",
                "cyclophosphamide", "500", "startedOn", today, "lastDoseOn", today)));
        forms.put("infusion", FilledForm.blank(values("product", "CD19")));
        forms.put("response", FilledForm.blank(values("assessedOn", today, "circulatingBlasts", "false",
                "extramedullaryDisease", "false", "cnsStatus", "CNS1")));
        forms.put("followUp", FilledForm.blank(values("knownAliveOn", today)));
        forms.put("relapse", FilledForm.blank(values("detectedOn", today, "relapseSite", "MARROW")));
        forms.put("death", FilledForm.blank(values("diedOn", today)));
        forms.put("adverseEvent", FilledForm.blank(values("onsetDate", today, "serious", "false", "expected", "true")));
        forms.put("withdrawal", FilledForm.blank(values("withdrawnOn", today)));
        model.addAttribute("forms", forms);
        return "subject";
    }

    /** Every context's events for the subject, who recorded them and why (the outcomes service's timeline). */
    @GetMapping("/app/subjects/{id}/timeline")
    String timeline(@PathVariable String id, Model model, HttpServletResponse response) {
        Api.Answer timeline = api.get("/api/outcomes/subjects/" + id + "/timeline");
        if (!timeline.ok()) {
            response.setStatus(timeline.status());
        }
        model.addAttribute("id", id);
        model.addAttribute("timeline", timeline);
        return "timeline";
    }

    @PostMapping("/app/subjects/{id}/lymphodepletion")
    String lymphodepletion(@ModelAttribute("me") Person me, @PathVariable String id,
            @RequestParam MultiValueMap<String, String> form, Model model, HttpServletResponse response) {
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
        Api.Answer answer = api.post("/api/infusion/lymphodepletions", body);
        String bsa = answer.body().path("bodySurfaceAreaM2").asText("");
        return answered(model, response, id, "lymphodepletion", v, answer, Map.of("agents[0].doseMgPerM2", "fludarabine",
                "agents[1].doseMgPerM2", "cyclophosphamide", "agents", "fludarabine"),
                "Lymphodepletion before " + v.get("beforeProduct") + " recorded. Body surface area (Mosteller): "
                        + bsa + " m².");
    }

    @PostMapping("/app/subjects/{id}/infusion")
    String infusion(@ModelAttribute("me") Person me, @PathVariable String id,
            @RequestParam MultiValueMap<String, String> form, Model model, HttpServletResponse response) {
        Map<String, String> v = form.toSingleValueMap();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("subjectId", id);
        body.put("siteId", me.site());
        body.put("product", FormValues.text(v, "product"));
        // a datetime-local field has no zone: the label says UTC, and so is it sent
        body.put("infusedAt", FormValues.text(v, "infusedAt") == null ? null : FormValues.text(v, "infusedAt") + ":00Z");
        body.put("dose10e6CellsPerKg", FormValues.number(v, "dose"));
        body.put("weightKg", FormValues.number(v, "weightKg"));
        body.put("productLot", FormValues.text(v, "productLot"));
        Api.Answer answer = api.post("/api/infusion/infusions", body);
        // the gate's reasons are about the subject's course, not a field of this form: they go beside the product
        return answered(model, response, id, "infusion", v, answer, Map.of("dose10e6CellsPerKg", "dose",
                "latestResponseAssessment", "product", "openAdverseEvents", "product"),
                FormValues.text(v, "product") + " infusion recorded.");
    }

    @PostMapping("/app/subjects/{id}/response-assessments")
    String responseAssessment(@ModelAttribute("me") Person me, @PathVariable String id,
            @RequestParam MultiValueMap<String, String> form, Model model, HttpServletResponse response) {
        Map<String, String> v = form.toSingleValueMap();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("siteId", me.site());
        body.put("assessmentId", FormValues.text(v, "assessmentId"));
        body.put("assessedOn", FormValues.text(v, "assessedOn"));
        body.put("marrowBlastsPercent", FormValues.number(v, "marrowBlastsPercent"));
        body.put("circulatingBlasts", yesNo(v, "circulatingBlasts"));
        body.put("extramedullaryDisease", yesNo(v, "extramedullaryDisease"));
        body.put("cnsStatus", FormValues.text(v, "cnsStatus"));
        body.put("ancPer10e9L", FormValues.number(v, "ancPer10e9L"));
        body.put("plateletsPer10e9L", FormValues.number(v, "plateletsPer10e9L"));
        body.put("mrdPercent", FormValues.number(v, "mrdPercent"));
        body.put("mrdDetectionLimitPercent", FormValues.number(v, "mrdDetectionLimitPercent"));
        body.put("investigatorResponse", FormValues.text(v, "investigatorResponse"));
        Api.Answer answer = api.post("/api/outcomes/subjects/" + id + "/response-assessments", body);
        JsonNode mrd = answer.body().path("mrdNegative");
        return answered(model, response, id, "response", v, answer, Map.of(),
                "Assessment recorded. Derived response: " + answer.body().path("derivedResponse").asText("?")
                        + "; MRD " + (mrd.isBoolean() ? (mrd.asBoolean() ? "negative" : "positive")
                                : "not measured or above the assay's limit") + ".");
    }

    @PostMapping("/app/subjects/{id}/follow-ups")
    String followUp(@ModelAttribute("me") Person me, @PathVariable String id,
            @RequestParam MultiValueMap<String, String> form, Model model, HttpServletResponse response) {
        Map<String, String> v = form.toSingleValueMap();
        Api.Answer answer = api.post("/api/outcomes/subjects/" + id + "/follow-ups",
                FormValues.map("siteId", me.site(), "knownAliveOn", FormValues.text(v, "knownAliveOn")));
        return answered(model, response, id, "followUp", v, answer, Map.of(), "Follow-up recorded.");
    }

    @PostMapping("/app/subjects/{id}/relapse")
    String relapse(@ModelAttribute("me") Person me, @PathVariable String id,
            @RequestParam MultiValueMap<String, String> form, Model model, HttpServletResponse response) {
        Map<String, String> v = form.toSingleValueMap();
        Api.Answer answer = api.post("/api/outcomes/subjects/" + id + "/relapse",
                FormValues.map("siteId", me.site(), "detectedOn", FormValues.text(v, "detectedOn"),
                        "relapseSite", FormValues.text(v, "relapseSite"), "cd19Positive", yesNo(v, "cd19Positive"),
                        "cd22Positive", yesNo(v, "cd22Positive")));
        return answered(model, response, id, "relapse", v, answer, Map.of(), "Relapse recorded.");
    }

    @PostMapping("/app/subjects/{id}/death")
    String death(@ModelAttribute("me") Person me, @PathVariable String id,
            @RequestParam MultiValueMap<String, String> form, Model model, HttpServletResponse response) {
        Map<String, String> v = form.toSingleValueMap();
        Api.Answer answer = api.post("/api/outcomes/subjects/" + id + "/death",
                FormValues.map("siteId", me.site(), "diedOn", FormValues.text(v, "diedOn"),
                        "cause", FormValues.text(v, "cause")));
        return answered(model, response, id, "death", v, answer, Map.of(), "Death recorded.");
    }

    /**
     * An adverse event, with the CRS findings (ASTCT 2019) or the ICANS findings it is graded from when they are
     * given: the grade is then the service's, computed from them, and shown with its scale.
     */
    @PostMapping("/app/subjects/{id}/adverse-events")
    String adverseEvent(@ModelAttribute("me") Person me, @PathVariable String id,
            @RequestParam MultiValueMap<String, String> form, Model model, HttpServletResponse response) {
        Map<String, String> v = form.toSingleValueMap();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("subjectId", id);
        body.put("siteId", me.site());
        body.put("ctcaeTerm", FormValues.text(v, "ctcaeTerm"));
        body.put("onsetDate", FormValues.text(v, "onsetDate"));
        body.put("grade", FormValues.number(v, "grade"));
        if (FormValues.text(v, "maxTemperatureCelsius") != null || FormValues.text(v, "oxygenDevice") != null) {
            String vasopressor = FormValues.text(v, "vasopressor");
            body.put("crs", FormValues.map("maxTemperatureCelsius", FormValues.number(v, "maxTemperatureCelsius"),
                    "feverMaskingTreatmentGiven", yesNo(v, "feverMaskingTreatmentGiven"),
                    "hypotension", yesNo(v, "hypotension"),
                    "vasopressors", vasopressor == null ? List.of() : List.of(vasopressor),
                    "oxygenDevice", FormValues.text(v, "oxygenDevice"),
                    "oxygenFlowLitresPerMinute", FormValues.number(v, "oxygenFlowLitresPerMinute")));
        }
        if (FormValues.text(v, "consciousness") != null) {
            body.put("icans", FormValues.map("ageYears", FormValues.number(v, "ageYears"),
                    "iceScore", FormValues.number(v, "iceScore"), "capdScore", FormValues.number(v, "capdScore"),
                    "consciousness", FormValues.text(v, "consciousness"), "seizure", FormValues.text(v, "seizure"),
                    "motorFinding", FormValues.text(v, "motorFinding"),
                    "intracranialPressure", FormValues.text(v, "intracranialPressure")));
        }
        body.put("serious", yesNo(v, "serious"));
        String criterion = FormValues.text(v, "seriousnessCriterion");
        body.put("seriousnessCriteria", criterion == null ? List.of() : List.of(criterion));
        body.put("relationshipToCarT", FormValues.text(v, "relationshipToCarT"));
        body.put("expected", yesNo(v, "expected"));
        Api.Answer answer = api.post("/api/safety/adverse-events", body);
        JsonNode ae = answer.body();
        return answered(model, response, id, "adverseEvent", v, answer,
                Map.of("vasopressors", "vasopressor", "seriousnessCriteria", "seriousnessCriterion"),
                "Adverse event recorded: " + ae.path("ctcaeTerm").asText() + ", grade " + ae.path("grade").asText()
                        + " (" + ae.path("gradingScale").asText("CTCAE") + ")"
                        + (ae.path("susar").asBoolean() ? "; a SUSAR." : "."));
    }

    @PostMapping("/app/subjects/{id}/withdrawal")
    String withdrawal(@PathVariable String id, @RequestParam MultiValueMap<String, String> form, Model model,
            HttpServletResponse response) {
        Map<String, String> v = form.toSingleValueMap();
        Api.Answer answer = api.post("/api/enrollment/subjects/" + id + "/withdrawal",
                FormValues.map("withdrawnOn", FormValues.text(v, "withdrawnOn"), "reason", FormValues.text(v, "reason"),
                        "survivalFollowUpAllowed", yesNo(v, "survivalFollowUpAllowed")));
        return answered(model, response, id, "withdrawal", v, answer, Map.of(),
                "Withdrawn. Status: " + answer.body().path("status").asText("") + ".");
    }

    /** The one form, re-rendered with what was typed and the answer; a refusal keeps the service's status. */
    private static String answered(Model model, HttpServletResponse response, String id, String name,
            Map<String, String> values, Api.Answer answer, Map<String, String> fieldOfPath, String done) {
        FilledForm filled = FilledForm.answered(values, answer, fieldOfPath, done);
        response.setStatus(filled.status());
        model.addAttribute("id", id);
        model.addAttribute("forms", Map.of(name, filled));
        return "subject-forms :: " + name;
    }

    /** A yes/no choice: blank is not answered (the service names it when it is required). */
    private static Boolean yesNo(Map<String, String> v, String name) {
        String value = FormValues.text(v, name);
        return value == null ? null : Boolean.valueOf(value);
    }

    private static Map<String, String> values(String... keyValues) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put(keyValues[i], keyValues[i + 1]);
        }
        return values;
    }
}
