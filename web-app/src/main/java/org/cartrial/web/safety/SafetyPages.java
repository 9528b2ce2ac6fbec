package org.cartrial.web.safety;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpResponse;

import org.cartrial.web.Api;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** The safety officer's screens: adverse events live (the safety stream passed through) and the open reporting clocks. */
@Controller
class SafetyPages {

    private final Api api;

    SafetyPages(Api api) {
        this.api = api;
    }

    @GetMapping("/app/safety")
    String safety(@RequestParam(required = false) String minGrade, @RequestParam(required = false) String seriousOnly,
            @RequestParam(required = false) String site, Model model) {
        StreamFilter filter = StreamFilter.of(minGrade, seriousOnly, site);
        model.addAttribute("filter", filter);
        model.addAttribute("deadlines", api.get("/api/safety/deadlines"));
        model.addAttribute("rule", api.get("/api/safety/monitoring-rule"));
        return "safety";
    }

    /**
     * The safety service's server-sent events, passed through as they come (the browser never holds a token); a
     * browser that reconnects with Last-Event-ID gets what it missed, as the safety stream promises.
     */
    @GetMapping(path = "/app/safety/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    ResponseEntity<StreamingResponseBody> safetyStream(
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
            @RequestParam(required = false) String minGrade, @RequestParam(required = false) String seriousOnly,
            @RequestParam(required = false) String site) throws Exception {
        HttpResponse<InputStream> upstream = api.stream("/api/safety/stream"
                + StreamFilter.of(minGrade, seriousOnly, site).query(), MediaType.TEXT_EVENT_STREAM_VALUE, lastEventId);
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
}
