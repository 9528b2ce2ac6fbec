package org.cartrial.outcomes.export.format;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;

import org.cartrial.outcomes.analysis.domain.DataCutoff;
import org.cartrial.outcomes.analysis.domain.ResponseAssessment;
import org.cartrial.outcomes.analysis.domain.SubjectCourse;
import org.cartrial.outcomes.analysis.domain.SyndromeHistory;
import org.cartrial.outcomes.export.domain.ExportCut;
import org.cartrial.outcomes.export.domain.Subjects;
import org.hl7.fhir.r4.model.AdverseEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.hl7.fhir.r4.model.Resource;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;

/**
 * The trial as a FHIR R4 collection Bundle made with HAPI FHIR's model classes: the ResearchStudy, and per subject a
 * pseudonymous Patient (the trial's subject id only: no name, no birth date), a ResearchSubject whose status uses
 * the words of the enrollment service, the CRS/ICANS AdverseEvents and the response and MRD Observations, as of the
 * cut-off. Written one subject at a time (each resource encoded by HAPI's parser into the open Bundle), so a large
 * trial streams; {@link #bundle} builds the same Bundle in memory for tests and small sites.
 */
public final class FhirBundle {

    static final String BASE = "https://cartrial.org/fhir/";
    static final String SUBJECT_IDS = "https://cartrial.org/fhir/subject-id";
    private static final FhirContext R4 = FhirContext.forR4Cached();

    private FhirBundle() {
    }

    /** The whole Bundle (for tests and small exports). */
    public static Bundle bundle(ExportCut cut, List<SubjectCourse> courses) {
        Bundle bundle = header(cut);
        add(bundle, study(cut));
        sorted(courses).forEach(c -> subjectResources(c, DataCutoff.of(cut.dataCutoff())).forEach(r -> add(bundle, r)));
        return bundle;
    }

    /** The same Bundle as JSON, written subject by subject. */
    public static void write(ExportCut cut, List<SubjectCourse> courses, OutputStream out) throws IOException {
        write(cut, sorted(courses).stream(), out);
    }

    /** The Bundle as JSON from the courses in USUBJID order, written as they come: one subject's resources at a time. */
    public static void write(ExportCut cut, java.util.stream.Stream<SubjectCourse> inOrder, OutputStream out)
            throws IOException {
        IParser parser = R4.newJsonParser();
        Writer json = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        String head = parser.encodeResourceToString(header(cut));
        // the header has no entries: open it again after its last field and append them one by one
        json.write(head, 0, head.length() - 1);
        json.write(",\"entry\":[");
        boolean first = true;
        List<Resource> resources = new ArrayList<>();
        resources.add(study(cut));
        for (Resource r : resources) {
            first = entry(json, parser, r, first);
        }
        DataCutoff cutoff = DataCutoff.of(cut.dataCutoff());
        for (SubjectCourse c : (Iterable<SubjectCourse>) inOrder::iterator) {
            for (Resource r : subjectResources(c, cutoff)) {
                first = entry(json, parser, r, first);
            }
        }
        json.write("]}");
        json.flush();
    }

    private static boolean entry(Writer json, IParser parser, Resource r, boolean first) throws IOException {
        if (!first) {
            json.write(',');
        }
        json.write("{\"fullUrl\":\"" + fullUrl(r) + "\",\"resource\":");
        json.write(parser.encodeResourceToString(r));
        json.write('}');
        return false;
    }

    private static Bundle header(ExportCut cut) {
        Bundle bundle = new Bundle();
        bundle.setId(ExportCut.STUDY_ID + "-" + cut.dataCutoff());
        bundle.setType(Bundle.BundleType.COLLECTION);
        // the moment the export is as of, never the clock: one cut, one Bundle
        Date at = cut.recordedUpTo() != null ? Date.from(cut.recordedUpTo())
                : Date.from(cut.dataCutoff().atStartOfDay().toInstant(ZoneOffset.UTC));
        bundle.setTimestampElement(new InstantType(at));
        return bundle;
    }

    private static void add(Bundle bundle, Resource r) {
        bundle.addEntry().setFullUrl(fullUrl(r)).setResource(r);
    }

    private static String fullUrl(Resource r) {
        return BASE + r.fhirType() + "/" + r.getIdElement().getIdPart();
    }

    private static List<SubjectCourse> sorted(List<SubjectCourse> courses) {
        return courses.stream().sorted(Comparator.comparing((SubjectCourse c) -> Subjects.usubjid(c.siteId(), c.subjectId())))
                .toList();
    }

    private static ResearchStudy study(ExportCut cut) {
        ResearchStudy study = new ResearchStudy();
        study.setId(ExportCut.STUDY_ID);
        study.addIdentifier(new Identifier().setSystem(BASE + "study-id").setValue(ExportCut.STUDY_ID));
        study.setTitle("Sequential CD19 then CD22 CAR-T cell therapy for children with relapsed/refractory B-ALL");
        study.setStatus(ResearchStudy.ResearchStudyStatus.ACTIVE);
        study.setPhase(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/research-study-phase",
                "phase-2", "Phase 2")));
        study.addCondition(new CodeableConcept().setText("Relapsed/refractory B-cell acute lymphoblastic leukaemia"));
        study.setDescription("Protocol version " + cut.protocolVersion() + "; data cut-off " + cut.dataCutoff());
        return study;
    }

    private static List<Resource> subjectResources(SubjectCourse c, DataCutoff cutoff) {
        List<Resource> resources = new ArrayList<>();
        String id = resourceId(c.subjectId());
        Patient patient = new Patient();
        patient.setId(id);
        patient.addIdentifier(new Identifier().setSystem(SUBJECT_IDS).setValue(c.subjectId()));
        resources.add(patient);
        Reference toPatient = new Reference("Patient/" + id);

        ResearchSubject subject = new ResearchSubject();
        subject.setId(id);
        subject.addIdentifier(new Identifier().setSystem(SUBJECT_IDS).setValue(c.subjectId()));
        subject.setStudy(new Reference("ResearchStudy/" + ExportCut.STUDY_ID));
        subject.setIndividual(toPatient);
        subject.setStatus(ResearchSubject.ResearchSubjectStatus.fromCode(status(c, cutoff)));
        LocalDate cd19 = cutoff.admitted(c.cd19InfusionDate());
        if (cd19 != null) {
            subject.setPeriod(new Period().setStartElement(new DateTimeType(cd19.toString())));
        }
        subject.setAssignedArm("CD19CD22");
        resources.add(subject);

        adverseEvents(resources, id, toPatient, "CRS", "Cytokine release syndrome", c.crs(), cutoff);
        adverseEvents(resources, id, toPatient, "ICANS", "Immune effector cell-associated neurotoxicity syndrome",
                c.icans(), cutoff);
        int n = 0;
        for (ResponseAssessment a : c.assessments()) {
            if (!cutoff.admits(a.assessedOn())) {
                continue;
            }
            n++;
            resources.add(observation(id + "-response-" + n, toPatient, a.assessedOn(), "Overall response (protocol section 4)",
                    Subjects.response(a.response())));
            if (a.mrd() != null) {
                resources.add(observation(id + "-mrd-" + n, toPatient, a.assessedOn(),
                        "Minimal residual disease by flow cytometry (negative below 0.01%)", a.mrd().name().toLowerCase()));
            }
        }
        return resources;
    }

    /** The enrollment service's ResearchSubject words (SubjectMilestones), from what the cut-off admits. */
    static String status(SubjectCourse c, DataCutoff cutoff) {
        if (cutoff.admits(c.deathDate())) {
            return "off-study";
        }
        if (cutoff.admits(c.withdrawalDate())) {
            return "withdrawn";
        }
        if (cutoff.admits(c.cd22InfusionDate())) {
            return "follow-up";
        }
        if (cutoff.admits(c.cd19InfusionDate())) {
            return "on-study-intervention";
        }
        return "on-study";
    }

    private static void adverseEvents(List<Resource> resources, String id, Reference patient, String code, String term,
            SyndromeHistory history, DataCutoff cutoff) {
        int n = 0;
        for (SyndromeHistory.GradedOnset ae : history.adverseEvents()) {
            if (!cutoff.admits(ae.onsetOn())) {
                continue;
            }
            AdverseEvent event = new AdverseEvent();
            event.setId(id + "-" + code.toLowerCase() + "-" + (++n));
            event.setActuality(AdverseEvent.AdverseEventActuality.ACTUAL);
            event.setEvent(new CodeableConcept().setText(term + " (ASTCT 2019 grade " + ae.grade() + ")"));
            event.setSubject(patient);
            event.setDateElement(new DateTimeType(ae.onsetOn().toString()));
            event.setSeverity(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/adverse-event-severity",
                    ae.grade() <= 1 ? "mild" : ae.grade() == 2 ? "moderate" : "severe",
                    ae.grade() <= 1 ? "Mild" : ae.grade() == 2 ? "Moderate" : "Severe")));
            event.setStudy(List.of(new Reference("ResearchStudy/" + ExportCut.STUDY_ID)));
            resources.add(event);
        }
    }

    private static Observation observation(String id, Reference patient, LocalDate on, String what, String value) {
        Observation observation = new Observation();
        observation.setId(id);
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.setCode(new CodeableConcept().setText(what));
        observation.setSubject(patient);
        observation.setEffective(new DateTimeType(on.toString()));
        observation.setValue(new CodeableConcept().setText(value));
        return observation;
    }

    /** FHIR ids allow letters, digits, '-' and '.', at most 64. */
    static String resourceId(String subjectId) {
        String id = subjectId.replaceAll("[^A-Za-z0-9.-]", "-");
        return id.length() > 64 ? id.substring(0, 64) : id;
    }
}
