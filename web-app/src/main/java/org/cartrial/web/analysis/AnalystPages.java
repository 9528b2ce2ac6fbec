package org.cartrial.web.analysis;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;

import org.cartrial.web.Api;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** The analyst's screens: a data cut-off, the CONSORT flow and the survival and incidence curves the outcomes service draws. */
@Controller
class AnalystPages {

    private final Api api;

    AnalystPages(Api api) {
        this.api = api;
    }

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
}
