package org.cartrial.localstack;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code ./trial report}: asks the outcomes service, through the gateway and as an analyst, for the analyses as of
 * a data cut-off, and prints them either as one JSON document whose sections and names follow the statistical
 * reference ({@code counts, orr, os, efs, dfs, dfs_window_responders, cir, crs, icans}), or as a short summary.
 */
final class AnalystReport {

    private final URI gateway;
    private final String token;
    private final ObjectMapper json = new ObjectMapper();

    AnalystReport(URI gateway, String token) {
        this.gateway = gateway;
        this.token = token;
    }

    int print(LocalDate asOf, String site, boolean asJson, PrintStream out) throws IOException, InterruptedException {
        String query = "asOf=" + asOf + (site == null ? "" : "&site=" + URLEncoder.encode(site, StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(gateway.resolve("/api/outcomes/analyses?" + query))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(60)).GET().build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            System.err.println("the outcomes service answered " + response.statusCode() + ": " + response.body());
            return 1;
        }
        JsonNode answer = json.readTree(response.body());
        if (asJson) {
            ObjectNode document = json.createObjectNode();
            document.put("data_cutoff_date", answer.path("as_of").asText());
            document.set("sites", answer.path("sites"));
            document.put("protocol_version", answer.path("protocol_version").asText());
            document.set("recorded_up_to", answer.path("recorded_up_to"));
            document.put("n", answer.path("n").asInt());
            answer.path("report").fields().forEachRemaining(section -> {
                if (!section.getKey().equals("data_cutoff")) {
                    document.set(section.getKey(), section.getValue());
                }
            });
            out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(document));
        } else {
            summary(answer, out);
        }
        return 0;
    }

    private static void summary(JsonNode answer, PrintStream out) {
        JsonNode report = answer.path("report");
        JsonNode orr = report.path("orr");
        out.printf(Locale.ROOT, "Analyses as of %s (%s), recorded up to %s, endpoints v%s%n", answer.path("as_of").asText(),
                answer.path("sites").isNull() || answer.path("sites").isMissingNode() ? "all sites" : answer.path("sites"),
                answer.path("recorded_up_to").asText(), answer.path("protocol_version").asText());
        out.printf(Locale.ROOT, "  infused n = %d, enrolled %d, deaths %d, relapses %d%n", answer.path("n").asInt(),
                report.at("/counts/enrolled").asInt(), report.at("/counts/deaths").asInt(),
                report.at("/counts/relapses").asInt());
        out.printf(Locale.ROOT, "  ORR (CR/CRi by day 97): %d/%d = %.1f%% (95%% CI %.1f-%.1f%%, Clopper-Pearson)%n",
                orr.path("count").asInt(), orr.path("n").asInt(), 100 * orr.path("proportion").asDouble(),
                100 * orr.path("ci_lower").asDouble(), 100 * orr.path("ci_upper").asDouble());
        for (String endpoint : new String[] {"os", "efs", "dfs"}) {
            JsonNode e = report.path(endpoint);
            JsonNode median = e.at("/conf_log/median");
            out.printf(Locale.ROOT, "  %-3s n = %d, events = %d, median %s days (95%% CI %s-%s)%n",
                    endpoint.toUpperCase(Locale.ROOT), e.path("n").asInt(), e.path("events").asInt(),
                    text(median.path("time")), text(median.path("lower")), text(median.path("upper")));
        }
        out.printf(Locale.ROOT, "  CRS grade >= 3: %d (%.1f%%), ICANS grade >= 3: %d (%.1f%%)%n",
                report.at("/crs/ge3_count").asInt(), 100 * report.at("/crs/ge3_rate").asDouble(),
                report.at("/icans/ge3_count").asInt(), 100 * report.at("/icans/ge3_rate").asDouble());
    }

    private static String text(JsonNode value) {
        return value.isMissingNode() || value.isNull() ? "NR" : value.asText();
    }
}
