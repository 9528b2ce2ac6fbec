package org.cartrial.support.rebuild;

import java.util.List;

import org.cartrial.api.CommandRefused;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** An admin lists this service's read models, rebuilds one from the topics and follows the rebuild. */
@RestController
@PreAuthorize("hasRole('ADMIN')")
public class ReadModelController {

    private final ReadModelRebuilds rebuilds;

    public ReadModelController(ReadModelRebuilds rebuilds) {
        this.rebuilds = rebuilds;
    }

    @GetMapping("/api/${trial.context}/read-models")
    List<RebuildStatus> readModels() {
        return rebuilds.names().stream().map(name -> rebuilds.status(name).orElseThrow()).toList();
    }

    @GetMapping("/api/${trial.context}/read-models/{name}")
    RebuildStatus readModel(@PathVariable String name) {
        return rebuilds.status(name).orElseThrow(() -> unknown(name));
    }

    @PostMapping("/api/${trial.context}/read-models/{name}/rebuild")
    ResponseEntity<RebuildStatus> rebuild(@PathVariable String name) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(rebuilds.start(name).orElseThrow(() -> unknown(name)));
    }

    private static CommandRefused unknown(String name) {
        return CommandRefused.notFound("read-model-not-found", "This service has no read model " + name + ".");
    }
}
