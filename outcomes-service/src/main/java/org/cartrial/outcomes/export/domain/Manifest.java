package org.cartrial.outcomes.export.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What an export holds: per file its dataset, format, row count and SHA-256, with the cut it was made at. Nothing in
 * it depends on when the export ran, so two exports of one cut have equal manifests.
 */
public record Manifest(String study, LocalDate dataCutoff, Instant recordedUpTo, String protocolVersion,
        List<String> sites, List<ExportedFile> files) {

    public record ExportedFile(String file, String dataset, String standard, String format, long records,
            String sha256) {
    }

    public Manifest {
        files = List.copyOf(files);
        sites = sites == null ? null : List.copyOf(sites);
    }
}
