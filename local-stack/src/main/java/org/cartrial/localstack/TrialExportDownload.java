package org.cartrial.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code ./trial export}: asks the outcomes service, through the gateway and as an analyst, for the standard datasets
 * as of a data cut-off (one ZIP, streamed), unpacks them into a folder with a progress bar as they arrive, and checks
 * every file against the SHA-256 of the manifest that comes last.
 */
final class TrialExportDownload {

    private final URI gateway;
    private final String token;

    TrialExportDownload(URI gateway, String token) {
        this.gateway = gateway;
        this.token = token;
    }

    int run(LocalDate asOf, String recordedUpTo, String site, Path out, PrintStream progress, PrintStream report)
            throws IOException, InterruptedException {
        String query = "asOf=" + asOf
                + (recordedUpTo == null ? "" : "&recordedUpTo=" + URLEncoder.encode(recordedUpTo, StandardCharsets.UTF_8))
                + (site == null ? "" : "&site=" + URLEncoder.encode(site, StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(gateway.resolve("/api/outcomes/exports?" + query))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofMinutes(30)).GET().build();
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(request,
                HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            try (InputStream body = response.body()) {
                System.err.println("the outcomes service answered " + response.statusCode() + ": "
                        + new String(body.readAllBytes(), StandardCharsets.UTF_8));
            }
            return 1;
        }
        int files = response.headers().firstValue("Trial-Export-Files").map(Integer::parseInt).orElse(0);
        Files.createDirectories(out);
        Map<String, String> written = new HashMap<>();
        long bytes = 0;
        int done = 0;
        try (ZipInputStream zip = new ZipInputStream(response.body())) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                Path target = out.resolve(entry.getName()).normalize();
                if (!target.getParent().equals(out.normalize())) {
                    throw new IOException("unexpected entry in the export: " + entry.getName());
                }
                MessageDigest sha256 = sha256();
                try (OutputStream file = Files.newOutputStream(target)) {
                    bytes += new DigestInputStream(zip, sha256).transferTo(file);
                }
                written.put(entry.getName(), HexFormat.of().formatHex(sha256.digest()));
                done++;
                progress.printf(Locale.ROOT, "\r[%s] %d/%d files, %.1f MB  %-14s", bar(done, files), done, files,
                        bytes / 1e6, entry.getName());
            }
        }
        progress.println();
        JsonNode manifest = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
        for (JsonNode f : manifest.path("files")) {
            if (!f.path("sha256").asText().equals(written.get(f.path("file").asText()))) {
                System.err.println("the SHA-256 of " + f.path("file").asText() + " differs from the manifest's");
                return 1;
            }
        }
        // the FHIR R4 Bundle and the ODM audit trail of the same cut, pinned to the manifest's recordedUpTo
        String pinned = "&recordedUpTo=" + URLEncoder.encode(manifest.path("recordedUpTo").asText(), StandardCharsets.UTF_8);
        String base = query.replaceAll("&recordedUpTo=[^&]*", "") + pinned;
        for (String[] extra : new String[][] {{"fhir", "fhir-bundle.json"}, {"audit-trail", "audit-trail.xml"}}) {
            HttpResponse<Path> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            gateway.resolve("/api/outcomes/exports/" + extra[0] + "?" + base))
                    .header("Authorization", "Bearer " + token).timeout(Duration.ofMinutes(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofFile(out.resolve(extra[1])));
            if (answer.statusCode() != 200) {
                System.err.println("the outcomes service answered " + answer.statusCode() + " for " + extra[1] + ": "
                        + Files.readString(answer.body()));
                Files.deleteIfExists(answer.body());
                return 1;
            }
            done++;
            progress.printf(Locale.ROOT, "%s %.1f MB%n", extra[1], Files.size(answer.body()) / 1e6);
        }
        report.printf("%d files in %s: data cut-off %s, recorded up to %s, protocol %s; SHA-256 of every dataset file checked against the manifest%n",
                done, out, manifest.path("dataCutoff").asText(), manifest.path("recordedUpTo").asText(),
                manifest.path("protocolVersion").asText());
        for (JsonNode f : manifest.path("files")) {
            report.printf("  %-12s %-6s %7d rows%n", f.path("file").asText(), f.path("dataset").asText(),
                    f.path("records").asLong());
        }
        report.printf("  fhir-bundle.json (FHIR R4 Bundle), audit-trail.xml (CDISC ODM 1.3.2 audit trail)%n");
        return 0;
    }

    private static String bar(long done, long total) {
        int filled = total == 0 ? 30 : (int) Math.min(30, 30 * done / total);
        return "#".repeat(filled) + ".".repeat(30 - filled);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
