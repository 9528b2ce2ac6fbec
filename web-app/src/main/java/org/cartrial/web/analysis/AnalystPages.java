package org.cartrial.web.analysis;

import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.cartrial.web.Api;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The analyst's screens: a data cut-off and a site, the CONSORT flow, the ORR, the survival and incidence curves and
 * the swimmer plot the outcomes service draws, and the sealed cut-offs (seal one, see what changed since).
 */
@Controller
class AnalystPages {

    private final Api api;

    AnalystPages(Api api) {
        this.api = api;
    }

    @GetMapping("/app/analyst")
    String analyst(@RequestParam(required = false) String asOf, @RequestParam(required = false) String site,
            Model model) {
        String cutOff = cutOff(asOf);
        String chosenSite = site(site);
        String siteQuery = chosenSite == null ? "" : "&site=" + chosenSite;
        model.addAttribute("asOf", cutOff);
        model.addAttribute("site", chosenSite);
        model.addAttribute("siteQuery", siteQuery);
        model.addAttribute("sites", api.get("/api/enrollment/sites"));
        model.addAttribute("consort", api.get("/api/outcomes/consort"));
        model.addAttribute("analyses", api.get("/api/outcomes/analyses?asOf=" + cutOff + siteQuery));
        model.addAttribute("seals", api.get("/api/outcomes/cutoffs"));
        return "analyst";
    }

    /** Seals the cut-off shown, with the reason given; the answer (or the refusal beside its field) is shown. */
    @PostMapping("/app/analyst/cutoffs")
    String seal(@RequestParam String cutoff, @RequestParam(required = false) String reason, Model model,
            HttpServletResponse response) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("cutoff", cutoff);
        body.put("reason", reason == null || reason.isBlank() ? null : reason);
        Api.Answer sealed = api.post("/api/outcomes/cutoffs", body);
        model.addAttribute("sealed", sealed);
        model.addAttribute("cutoff", cutoff);
        if (sealed.ok()) {
            model.addAttribute("differences", api.get("/api/outcomes/cutoffs/" + cutOff(cutoff) + "/differences"));
        } else {
            // the service's status, so htmx shows the refusal (400/409/422) beside the form
            response.setStatus(sealed.status());
        }
        return "cutoff :: outcome";
    }

    /** A sealed cut-off: its seal, the figures that differ now and the facts recorded after the lock. */
    @GetMapping("/app/analyst/cutoffs/{cutoff}")
    String sealedCutoff(@PathVariable String cutoff, Model model) {
        String date = cutOff(cutoff);
        model.addAttribute("cutoff", date);
        model.addAttribute("sealed", api.get("/api/outcomes/cutoffs/" + date));
        model.addAttribute("differences", api.get("/api/outcomes/cutoffs/" + date + "/differences"));
        return "cutoff";
    }

    @GetMapping(path = "/app/analyst/curves/{name}.svg")
    ResponseEntity<byte[]> curve(@PathVariable String name, @RequestParam String asOf,
            @RequestParam(required = false) String site) throws Exception {
        if (!List.of("os", "efs", "dfs", "cir", "swimmer").contains(name)) {
            return ResponseEntity.notFound().build();
        }
        LocalDate date = LocalDate.parse(asOf);
        String chosenSite = site(site);
        String siteQuery = chosenSite == null ? "" : "&site=" + URLEncoder.encode(chosenSite, StandardCharsets.UTF_8);
        String path = name.equals("swimmer") ? "/api/outcomes/analyses/swimmer.svg?asOf=" + date + siteQuery
                : "/api/outcomes/analyses/curves/" + name + ".svg?asOf=" + date + siteQuery;
        HttpResponse<InputStream> upstream = api.stream(path, "image/svg+xml");
        try (InputStream in = upstream.body()) {
            byte[] svg = in.readAllBytes();
            return ResponseEntity.status(upstream.statusCode()).contentType(MediaType.valueOf(
                    upstream.statusCode() == 200 ? "image/svg+xml" : "application/problem+json")).body(svg);
        }
    }

    /**
     * The standard datasets of the cut-off (SDTM, ADaM as Dataset-JSON and CSV with the manifest), one ZIP streamed
     * through as the outcomes service writes it; a site's staff get their site's subjects only, as the service says.
     */
    @GetMapping(path = "/app/analyst/exports.zip")
    ResponseEntity<StreamingResponseBody> exports(@RequestParam String asOf,
            @RequestParam(required = false) String site) throws Exception {
        String date = cutOff(asOf);
        String chosenSite = site(site);
        HttpResponse<InputStream> upstream = api.stream("/api/outcomes/exports?asOf=" + date
                + (chosenSite == null ? "" : "&site=" + chosenSite), "application/zip");
        if (upstream.statusCode() != 200) {
            byte[] problem;
            try (InputStream in = upstream.body()) {
                problem = in.readAllBytes();
            }
            return ResponseEntity.status(upstream.statusCode()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(out -> out.write(problem));
        }
        StreamingResponseBody body = out -> {
            try (InputStream in = upstream.body()) {
                in.transferTo(out);
            }
        };
        return ResponseEntity.ok().contentType(MediaType.valueOf("application/zip"))
                .header("Content-Disposition", "attachment; filename=\"cartrial-" + date
                        + (chosenSite == null ? "" : "-" + chosenSite) + ".zip\"")
                .body(body);
    }

    /** A cut-off as asked, or today when it is missing or not a date. */
    private static String cutOff(String asOf) {
        try {
            return LocalDate.parse(asOf == null ? "" : asOf).toString();
        } catch (RuntimeException e) {
            return LocalDate.now().toString();
        }
    }

    /** A site code as asked, or null (all the caller may read) when missing or not a site code. */
    private static String site(String site) {
        return site != null && site.matches("[A-Z0-9]{2,10}") ? site : null;
    }
}
