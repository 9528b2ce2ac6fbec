package org.cartrial.outcomes.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.cartrial.outcomes.analysis.domain.ReferenceCohort;
import org.cartrial.outcomes.analysis.domain.SubjectCourse;
import org.cartrial.outcomes.export.domain.ExportCut;
import org.cartrial.outcomes.export.format.FhirBundle;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;

/**
 * The FHIR R4 Bundle of part of the reference cohort is valid to HAPI's instance validator with the R4 core
 * profiles and terminologies, and the streamed JSON is the Bundle HAPI's model builds.
 */
class FhirBundleTest {

    private static final FhirContext R4 = FhirContext.forR4Cached();
    private static List<SubjectCourse> courses;
    private static ExportCut cut;

    @BeforeAll
    static void cohort() {
        ReferenceCohort reference = ReferenceCohort.read("/analysis/cohort-dev.csv");
        courses = reference.subjects().subList(0, 40);
        cut = new ExportCut(reference.dataCutoff(), Instant.parse("2024-01-02T00:00:00Z"), null, "1.0");
    }

    @Test
    void hapi_s_validator_finds_no_error_in_the_bundle() {
        ValidationSupportChain support = new ValidationSupportChain(new DefaultProfileValidationSupport(R4),
                new SnapshotGeneratingValidationSupport(R4), new InMemoryTerminologyServerValidationSupport(R4),
                new CommonCodeSystemsTerminologyService(R4));
        FhirValidator validator = R4.newValidator().registerValidatorModule(new FhirInstanceValidator(support));

        ValidationResult result = validator.validateWithResult(FhirBundle.bundle(cut, courses));

        List<String> errors = result.getMessages().stream()
                .filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
                .map(SingleValidationMessage::toString).toList();
        assertThat(errors).isEmpty();
        // and it does look: a ResearchSubject without its required status, study and individual is refused
        assertThat(validator.validateWithResult(new ResearchSubject()).getMessages())
                .anyMatch(m -> m.getSeverity() == ResultSeverityEnum.ERROR);
    }

    @Test
    void the_streamed_bundle_is_hapi_s_bundle_with_a_patient_and_research_subject_per_subject() throws IOException {
        ByteArrayOutputStream streamed = new ByteArrayOutputStream();
        FhirBundle.write(cut, courses, streamed);
        String json = streamed.toString(StandardCharsets.UTF_8);

        Bundle parsed = R4.newJsonParser().parseResource(Bundle.class, json);
        assertThat(R4.newJsonParser().encodeResourceToString(parsed))
                .isEqualTo(R4.newJsonParser().encodeResourceToString(FhirBundle.bundle(cut, courses)));
        assertThat(parsed.getEntry()).filteredOn(e -> e.getResource().fhirType().equals("Patient")).hasSize(40);
        List<String> statuses = parsed.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(ResearchSubject.class::isInstance).map(r -> ((ResearchSubject) r).getStatus().toCode()).toList();
        assertThat(statuses).hasSize(40).contains("off-study", "follow-up")
                .allMatch(s -> List.of("on-study", "on-study-intervention", "follow-up", "withdrawn", "off-study").contains(s));
        assertThat(json).doesNotContain("\"name\"").doesNotContain("birthDate");
    }
}
