package org.cartrial.outcomes.export.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * What an export is as of: the data cut-off (clinical dates after it are ignored, follow-up capped at it), the moment
 * up to which recorded facts are included, the sites it covers (null: all) and the endpoint definitions' version.
 * Nothing else goes into the files, so the same cut makes the same bytes.
 */
public record ExportCut(LocalDate dataCutoff, Instant recordedUpTo, List<String> sites, String protocolVersion) {

    /** The study's identifier in every dataset (STUDYID) and in the FHIR and ODM documents. */
    public static final String STUDY_ID = "CARTRIAL-CD19-CD22";

    public ExportCut {
        Objects.requireNonNull(dataCutoff, "dataCutoff");
        Objects.requireNonNull(protocolVersion, "protocolVersion");
        sites = sites == null ? null : List.copyOf(sites);
    }
}
