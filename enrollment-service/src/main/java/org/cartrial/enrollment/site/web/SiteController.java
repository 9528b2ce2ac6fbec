package org.cartrial.enrollment.site.web;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.cartrial.api.CommandRefused;
import org.cartrial.enrollment.site.domain.RegisterSite;
import org.cartrial.enrollment.site.domain.SiteRegistered;
import org.cartrial.enrollment.site.query.SiteDirectory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The trial's hospital sites: an admin registers them; every authenticated caller may list them. */
@RestController
@Validated
@RequestMapping("/api/enrollment/sites")
class SiteController {

    record SiteRequest(
            @NotNull @Pattern(regexp = "[A-Z0-9]{2,10}", message = "must be a site code of 2-10 capitals or digits")
            String siteId,
            @NotBlank @Size(max = 200)
            String name,
            @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 country code, e.g. CN")
            String country) {
    }

    record SiteView(String siteId, String name, String country, Instant registeredAt) {

        static SiteView of(SiteDirectory.SiteEntry entry) {
            return new SiteView(entry.siteId(), entry.name(), entry.country(), entry.registeredAt());
        }
    }

    private final CommandGateway commands;
    private final SiteDirectory directory;

    SiteController(CommandGateway commands, SiteDirectory directory) {
        this.commands = commands;
        this.directory = directory;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED) // what the OpenAPI document says; the ResponseEntity sets it
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<SiteView> register(@Valid @RequestBody SiteRequest request) {
        SiteRegistered registered = commands.sendAndWait(
                new RegisterSite(request.siteId(), request.name(), request.country()));
        return ResponseEntity.created(URI.create("/api/enrollment/sites/" + registered.siteId()))
                .body(new SiteView(registered.siteId(), registered.name(), registered.country(),
                        registered.recordedAt()));
    }

    @GetMapping
    List<SiteView> sites() {
        return directory.all().stream().map(SiteView::of).toList();
    }

    @GetMapping("/{siteId}")
    SiteView site(@PathVariable @Pattern(regexp = "[A-Z0-9]{2,10}") String siteId) {
        return directory.find(siteId).map(SiteView::of).orElseThrow(() -> CommandRefused.notFound("site-not-found",
                "No site " + siteId + " is registered."));
    }
}
