package org.cartrial.outcomes.cutoff.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.cartrial.api.CommandRefused;
import org.cartrial.outcomes.analysis.query.OutcomeReports;
import org.cartrial.outcomes.analysis.query.OutcomeReports.Rendered;
import org.cartrial.outcomes.analysis.query.SubjectCourseProjection;
import org.cartrial.outcomes.analysis.query.SubjectCourseProjection.LateFact;
import org.cartrial.outcomes.cutoff.domain.DataCutoffSealed;
import org.cartrial.outcomes.cutoff.domain.SealDataCutoff;
import org.cartrial.outcomes.cutoff.query.SealedCutoff;
import org.cartrial.outcomes.cutoff.query.SealedCutoffs;
import org.cartrial.support.security.Caller;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Sealed data cut-offs, for analysts and admins: seal a cut-off's figures as they stand, reproduce them byte for
 * byte later, and see what was recorded after the lock about dates before it (corrections, late entries) and how
 * the figures would differ now. Safety officers may read seals; site staff have no trial-wide figures to seal.
 */
@RestController
@Validated
@RequestMapping("/api/outcomes/cutoffs")
class DataCutoffController {

    /** At most this many changed figures are listed; the count says how many there are in all. */
    private static final int MAX_CHANGES = 500;

    record SealRequest(@NotNull @PastOrPresent LocalDate cutoff, @NotBlank @Size(max = 500) String reason) {
    }

    /** A figure of the analyses that differs between the sealed answer and the answer now (JSON pointer). */
    record ChangedFigure(String figure, JsonNode sealed, JsonNode now) {
    }

    record Differences(LocalDate cutoff, SealedCutoff seal, Instant recordedUpToNow, int factsNow,
            String contentHashNow, int changedFigureCount, List<ChangedFigure> changedFigures,
            List<LateFact> recordedAfterLock) {
    }

    private final CommandGateway commands;
    private final OutcomeReports reports;
    private final SubjectCourseProjection courses;
    private final SealedCutoffs seals;

    DataCutoffController(CommandGateway commands, OutcomeReports reports, SubjectCourseProjection courses,
            SealedCutoffs seals) {
        this.commands = commands;
        this.reports = reports;
        this.courses = courses;
        this.seals = seals;
    }

    @PostMapping
    @PreAuthorize("hasAnyRole('ANALYST', 'ADMIN')")
    ResponseEntity<SealedCutoff> seal(@Valid @RequestBody SealRequest request) {
        // a cut-off sealed already is refused by its seal (409 cutoff-sealed), the one place that knows
        Rendered now = reports.render(request.cutoff(), null, null, null);
        DataCutoffSealed sealed = commands.sendAndWait(SealDataCutoff.of(request.cutoff(),
                now.snapshot().recordedUpTo(), now.snapshot().position(), now.snapshot().facts(), sha256(now.json()),
                request.reason()));
        SealedCutoff answer = new SealedCutoff(sealed.cutoff(), sealed.recordedUpTo(), sealed.position(),
                sealed.facts(), sealed.contentHash(), sealed.reason(), sealed.sealedAt(), Caller.current().user());
        return ResponseEntity.created(URI.create("/api/outcomes/cutoffs/" + sealed.cutoff())).body(answer);
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('ANALYST', 'ADMIN', 'SAFETY_OFFICER')")
    List<SealedCutoff> all() {
        return seals.all();
    }

    @GetMapping("/{cutoff}")
    @PreAuthorize("hasAnyRole('ANALYST', 'ADMIN', 'SAFETY_OFFICER')")
    SealedCutoff one(@PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate cutoff) {
        return sealOf(cutoff);
    }

    /**
     * The sealed analyses, computed again from the facts at the sealed position: the same bytes as when sealed,
     * with their SHA-256 in {@code Repr-Digest} (RFC 9530).
     */
    @GetMapping(value = "/{cutoff}/report", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAnyRole('ANALYST', 'ADMIN', 'SAFETY_OFFICER')")
    ResponseEntity<String> report(@PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate cutoff) {
        SealedCutoff seal = sealOf(cutoff);
        Rendered sealed = reports.render(cutoff, null, seal.recordedUpTo(), seal.position());
        String hash = sha256(sealed.json());
        if (!hash.equals(seal.contentHash())) {
            // the facts at the sealed position no longer give the sealed figures: never answer other figures
            throw new IllegalStateException("sealed cut-off " + cutoff + " reproduced with hash " + hash
                    + " instead of " + seal.contentHash());
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .header("Repr-Digest", "sha-256=:" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hash))
                        + ":")
                .body(sealed.json());
    }

    /** The sealed figures beside the figures now for the same cut-off, and every fact recorded after the lock. */
    @GetMapping("/{cutoff}/differences")
    @PreAuthorize("hasAnyRole('ANALYST', 'ADMIN', 'SAFETY_OFFICER')")
    Differences differences(@PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate cutoff)
            throws JsonProcessingException {
        SealedCutoff seal = sealOf(cutoff);
        Rendered sealed = reports.render(cutoff, null, seal.recordedUpTo(), seal.position());
        Rendered now = reports.render(cutoff, null, null, null);
        List<ChangedFigure> changes = new ArrayList<>();
        compare("/report", reports.mapper().readTree(sealed.json()).path("report"),
                reports.mapper().readTree(now.json()).path("report"), changes);
        return new Differences(cutoff, seal, now.snapshot().recordedUpTo(), now.snapshot().facts(), sha256(now.json()),
                changes.size(), changes.subList(0, Math.min(MAX_CHANGES, changes.size())),
                courses.factsAfter(seal.recordedUpTo(), seal.position(), cutoff));
    }

    private SealedCutoff sealOf(LocalDate cutoff) {
        return seals.find(cutoff).orElseThrow(() -> CommandRefused.notFound("cutoff-not-sealed",
                "The data cut-off " + cutoff + " is not sealed."));
    }

    /** Every leaf of the two answers that differs, by its JSON pointer; a missing side is null. */
    private static void compare(String pointer, JsonNode sealed, JsonNode now, List<ChangedFigure> changes) {
        if (sealed.isContainerNode() && now.isContainerNode() && sealed.getNodeType() == now.getNodeType()) {
            if (sealed.isObject()) {
                List<String> names = new ArrayList<>();
                sealed.fieldNames().forEachRemaining(names::add);
                for (Iterator<String> it = now.fieldNames(); it.hasNext(); ) {
                    String name = it.next();
                    if (!sealed.has(name)) {
                        names.add(name);
                    }
                }
                for (String name : names) {
                    compare(pointer + "/" + name.replace("~", "~0").replace("/", "~1"), sealed.path(name),
                            now.path(name), changes);
                }
            } else {
                for (int i = 0; i < Math.max(sealed.size(), now.size()); i++) {
                    compare(pointer + "/" + i, sealed.path(i), now.path(i), changes);
                }
            }
        } else if (!sealed.equals(now)) {
            changes.add(new ChangedFigure(pointer, sealed.isMissingNode() ? null : sealed,
                    now.isMissingNode() ? null : now));
        }
    }

    static String sha256(String json) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(json.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
