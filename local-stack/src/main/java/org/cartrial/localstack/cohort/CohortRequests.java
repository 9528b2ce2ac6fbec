package org.cartrial.localstack.cohort;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.cartrial.localstack.cohort.CohortRow.Assessment;
import org.cartrial.localstack.cohort.CohortRow.Mrd;
import org.cartrial.localstack.cohort.CohortRow.Response;
import org.cartrial.localstack.cohort.Step.Actor;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The requests that tell a cohort file to the platform through its public API, as the sites would: the admin
 * registers the sites; each site's staff screens its patients with a full eligible work-up, enrols them, gives
 * lymphodepletion and CD19 CAR-T, reports CRS and ICANS (grade 0 as the syndrome's surveillance completed without
 * it), records the response assessments (with findings from which the platform derives the cohort's response), the
 * relapse, CD22 CAR-T behind its gate, the last follow-up, the death and the withdrawal. Pure: no network, the same
 * file always gives the same requests and keys.
 * <p>
 * What the cohort does not say is filled with fixed, plausible values, listed in {@link #ASSUMPTIONS}.
 */
public final class CohortRequests {

    /** What the import fills in because a cohort file does not carry it; printed with the summary. */
    public static final List<String> ASSUMPTIONS = List.of(
            "screening on the enrolment date, guardian consent (form ICF-1.0) the day before, the child's assent too"
                    + " from 12 years; sex unknown; Lansky 80 (Karnofsky 80 from 16 years); complete work-up;"
                    + " relapsed and failed re-induction; CD19 98% and CD22 97% of blasts",
            "lymphodepletion fludarabine 30 + cyclophosphamide 250 mg/m2 from 4 to 2 days before each infusion; height"
                    + " estimated from age (77 + 6 x age cm, 60-175); doses 2.7 (CD19) and 2.2 (CD22) x10^6 cells/kg",
            "findings: CR blasts 1%, ANC 1.5, platelets 150; CRi blasts 1%, ANC 0.5, platelets 150; PR blasts 20%;"
                    + " NR blasts 60%; MRD negative 0.001% (detection limit 0.001%), positive 1% (PR/NR: the blasts),"
                    + " empty: not measured; a pre-infusion baseline marrow (blasts 60%) is added only where the first"
                    + " assessment is PR, which the platform can only derive against a baseline",
            "CRS and ICANS reported with ASTCT findings that grade to the cohort's maximum grade, onset day 2 (CRS) and"
                    + " day 5 (ICANS), related (definite), expected, outcome unknown; grade 0 as the syndrome's"
                    + " surveillance completed without it, from day 0 to day 28 (or the last day seen or the data"
                    + " cut-off, if earlier)",
            "relapse in the marrow; death cause 'other' (the cohort gives no cause); withdrawal without survival"
                    + " follow-up (none is recorded after it)");

    public static final String OVERRIDE_REASON = "imported cohort";

    private static final Pattern SITE = Pattern.compile("[A-Z0-9]{2,10}");
    private static final Pattern SUBJECT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,39}");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    static final BigDecimal CD19_DOSE = new BigDecimal("2.7");
    static final BigDecimal CD22_DOSE = new BigDecimal("2.2");
    static final BigDecimal BASELINE_BLASTS = new BigDecimal("60");
    /** How long after the CD19 infusion a surveillance without CRS or ICANS is taken to run (the day-28 visit). */
    static final int SURVEILLANCE_DAYS = 28;

    private final String keyPrefix;
    private final String sitePrefix;

    /**
     * @param fileSha256 the cohort file's hash: every key is derived from it, the row and the step
     * @param sitePrefix prepended to every site code and subject id (so one file can be imported as other sites),
     *                   empty for none
     */
    public CohortRequests(String fileSha256, String sitePrefix) {
        this.sitePrefix = sitePrefix == null ? "" : sitePrefix;
        if (!this.sitePrefix.isEmpty() && !this.sitePrefix.matches("[A-Z0-9]{1,7}")) {
            throw new IllegalArgumentException("--site-prefix must be 1-7 capitals or digits, not '" + sitePrefix + "'");
        }
        this.keyPrefix = "cohort-" + sha256(fileSha256 + "|" + this.sitePrefix).substring(0, 16);
    }

    public String siteId(CohortRow row) {
        String site = sitePrefix + row.site();
        if (!SITE.matcher(site).matches()) {
            throw new IllegalArgumentException("line " + row.line() + ": site '" + site
                    + "' is not a site code of 2-10 capitals or digits");
        }
        return site;
    }

    public String subjectId(CohortRow row) {
        String subject = sitePrefix.isEmpty() ? row.patientId() : sitePrefix + "-" + row.patientId();
        if (!SUBJECT.matcher(subject).matches() || subject.length() > 36) {
            throw new IllegalArgumentException("line " + row.line() + ": subject id '" + subject
                    + "' is not a pseudonym of 1-36 letters, digits or '-'");
        }
        return subject;
    }

    /** The admin registers every site of the file, in code order. */
    public List<Step> siteRegistrations(List<CohortRow> rows) {
        Set<String> sites = new TreeSet<>();
        rows.forEach(row -> sites.add(siteId(row)));
        List<Step> steps = new ArrayList<>();
        for (String site : sites) {
            ObjectNode body = JSON.objectNode().put("siteId", site).put("name", "Site " + site + " (imported cohort)");
            steps.add(Step.post(null, site, "register-site", Actor.ADMIN, "/api/enrollment/sites", body,
                    keyPrefix + "-site-" + site));
        }
        return steps;
    }

    /** Every request of one patient, in the order they are sent. */
    public List<Step> subject(CohortRow row) {
        return new Subject(row).steps();
    }

    /** What the import cannot tell the platform for this row (shown in the summary), empty when nothing. */
    public List<String> notes(CohortRow row) {
        List<String> notes = new ArrayList<>();
        if (row.cd19InfusionDate() == null && (row.maxCrsGrade() != null || row.maxIcansGrade() != null)) {
            notes.add("CRS/ICANS of a patient never infused: not reported");
        }
        if (!row.assessments().isEmpty() && row.assessments().get(0).response().remission()
                && row.assessments().stream().anyMatch(a -> a.response() == Response.PR)) {
            notes.add("a PR after a first assessment in remission has no baseline to fall from: the platform"
                    + " derives NR");
        }
        return notes;
    }

    private static boolean positive(Integer grade) {
        return grade != null && grade > 0;
    }

    private static boolean firstIsPr(CohortRow row) {
        return !row.assessments().isEmpty() && row.assessments().get(0).response() == Response.PR;
    }

    /** The findings an assessment is recorded with, chosen so that the platform derives the cohort's response. */
    record Findings(BigDecimal blasts, BigDecimal anc, BigDecimal platelets, BigDecimal mrd, BigDecimal mrdLimit) {
    }

    static Findings findings(Assessment a) {
        BigDecimal limit = new BigDecimal("0.001");
        BigDecimal blasts = switch (a.response()) {
            case CR, CRi -> new BigDecimal("1");
            case PR -> new BigDecimal("20");
            case NR -> BASELINE_BLASTS;
        };
        BigDecimal anc = switch (a.response()) {
            case CR -> new BigDecimal("1.5");
            case CRi, NR -> new BigDecimal("0.5");
            case PR -> new BigDecimal("0.8");
        };
        BigDecimal platelets = switch (a.response()) {
            case CR, CRi -> new BigDecimal("150");
            case PR -> new BigDecimal("50");
            case NR -> new BigDecimal("30");
        };
        BigDecimal mrd = switch (a.mrd()) {
            case NEGATIVE -> new BigDecimal("0.001");
            case POSITIVE -> a.response().remission() ? new BigDecimal("1") : blasts;
            case NOT_DONE -> null;
        };
        return new Findings(blasts, anc, platelets, mrd, mrd == null ? null : limit);
    }

    /** The requests of one row. */
    private final class Subject {
        private final CohortRow row;
        private final String subjectId;
        private final String siteId;
        private final String keyBase;
        private final LocalDate screenedOn;

        Subject(CohortRow row) {
            this.row = row;
            this.subjectId = subjectId(row);
            this.siteId = siteId(row);
            this.keyBase = keyPrefix + "-L" + row.line() + "-" + row.patientId();
            this.screenedOn = row.enrollmentDate();
        }

        List<Step> steps() {
            List<Step> steps = new ArrayList<>();
            steps.add(screening());
            steps.add(coordinator("enrolment", "/api/enrollment/subjects/" + subjectId + "/enrolment",
                    JSON.objectNode().put("enrolledOn", row.enrollmentDate().toString())));
            List<String> assessmentIds = new ArrayList<>();
            List<LocalDate> assessmentDates = new ArrayList<>();
            if (firstIsPr(row)) {
                LocalDate first = row.assessments().get(0).date();
                LocalDate on = first.isBefore(screenedOn) ? first : screenedOn;
                steps.add(baselineAssessment(on));
                assessmentIds.add(assessmentId(0));
                assessmentDates.add(on);
            }
            LocalDate cd19 = row.cd19InfusionDate();
            Map<String, LocalDate> adverseEvents = new LinkedHashMap<>();
            if (cd19 != null) {
                steps.add(lymphodepletion("CD19", cd19, row.enrollmentDate()));
                steps.add(infusion("CD19", cd19, CD19_DOSE));
                if (positive(row.maxCrsGrade())) {
                    Step crs = crs(row.maxCrsGrade(), onset(cd19, 2));
                    steps.add(crs);
                    adverseEvents.put(crs.body().get("adverseEventId").asText(), onset(cd19, 2));
                }
                if (positive(row.maxIcansGrade())) {
                    Step icans = icans(row.maxIcansGrade(), onset(cd19, 5));
                    steps.add(icans);
                    adverseEvents.put(icans.body().get("adverseEventId").asText(), onset(cd19, 5));
                }
                if (Integer.valueOf(0).equals(row.maxCrsGrade())) {
                    steps.add(noneObserved("CRS", cd19));
                }
                if (Integer.valueOf(0).equals(row.maxIcansGrade())) {
                    steps.add(noneObserved("ICANS", cd19));
                }
            }
            for (Assessment a : row.assessments()) {
                steps.add(assessment(a));
                assessmentIds.add(assessmentId(a.slot()));
                assessmentDates.add(a.date());
            }
            if (row.relapse() != null) {
                ObjectNode body = JSON.objectNode().put("siteId", siteId)
                        .put("detectedOn", row.relapse().date().toString()).put("relapseSite", "MARROW");
                putIfKnown(body, "cd19Positive", row.relapse().cd19Positive());
                putIfKnown(body, "cd22Positive", row.relapse().cd22Positive());
                steps.add(outcome("relapse", "/api/outcomes/subjects/" + subjectId + "/relapse", body));
            }
            LocalDate cd22 = row.cd22InfusionDate();
            if (cd19 != null && cd22 != null) {
                steps.add(lymphodepletion("CD22", cd22, cd19));
                Step plain = infusion("CD22", cd22, CD22_DOSE);
                ObjectNode overridden = plain.body().deepCopy();
                overridden.set("override", JSON.objectNode().put("reason", OVERRIDE_REASON));
                Step override = Step.post(subjectId, siteId, "cd22-infusion-override", Actor.INVESTIGATOR,
                        plain.path(), overridden, keyBase + "-cd22-infusion-override");
                steps.add(plain.overriddenBy(override));
            }
            if (row.lastFollowUpDate() != null) {
                steps.add(outcome("follow-up", "/api/outcomes/subjects/" + subjectId + "/follow-ups",
                        JSON.objectNode().put("siteId", siteId).put("knownAliveOn", row.lastFollowUpDate().toString())));
            }
            if (row.deathDate() != null) {
                steps.add(outcome("death", "/api/outcomes/subjects/" + subjectId + "/death",
                        JSON.objectNode().put("siteId", siteId).put("diedOn", row.deathDate().toString())
                                .put("cause", "OTHER")));
            }
            if (row.withdrawalDate() != null) {
                steps.add(coordinator("withdrawal", "/api/enrollment/subjects/" + subjectId + "/withdrawal",
                        JSON.objectNode().put("withdrawnOn", row.withdrawalDate().toString())
                                .put("reason", "withdrawal recorded in the imported cohort (no reason given)")
                                .put("survivalFollowUpAllowed", false)));
            }
            return steps;
        }

        private Step coordinator(String name, String path, ObjectNode body) {
            return Step.post(subjectId, siteId, name, Actor.SITE_COORDINATOR, path, body, keyBase + "-" + name);
        }

        /** A fact for the outcomes service (which records it for an enrolled subject only). */
        private Step outcome(String name, String path, ObjectNode body) {
            return coordinator(name, path, body);
        }

        private Step screening() {
            LocalDate consentOn = screenedOn.minusDays(1);
            boolean child = row.ageYears().compareTo(new BigDecimal("16")) < 0;
            ObjectNode consent = JSON.objectNode().put("guardianConsentOn", consentOn.toString())
                    .put("consentFormVersion", "ICF-1.0");
            if (row.ageYears().compareTo(new BigDecimal("12")) >= 0) {
                consent.put("childAssentOn", consentOn.toString());
            }
            ObjectNode body = JSON.objectNode()
                    .put("subjectId", subjectId)
                    .put("siteId", siteId)
                    .put("screeningDate", screenedOn.toString())
                    .put("ageYears", row.ageYears())
                    .put("weightKg", row.weightKg())
                    .put("sex", "unknown");
            body.set("performance", JSON.objectNode().put("scale", child ? "LANSKY" : "KARNOFSKY").put("score", 80));
            body.set("diagnosis", JSON.objectNode().put("whoBAllByMorphology", true)
                    .put("flowImmunophenotypeDone", true).put("karyotypeDone", true)
                    .put("fusionGeneScreenDone", true));
            body.put("diseaseStatus", "RELAPSED_REFRACTORY")
                    .put("cd19ExpressionPercent", new BigDecimal("98.0"))
                    .put("cd22ExpressionPercent", new BigDecimal("97.0"));
            body.set("consent", consent);
            return Step.post(subjectId, siteId, "screening", Actor.SITE_COORDINATOR, "/api/enrollment/screenings", body,
                    keyBase + "-screening").expecting(Map.of("/eligible", "true"));
        }

        private Step lymphodepletion(String product, LocalDate infusion, LocalDate notBefore) {
            LocalDate lastDose = latest(infusion.minusDays(2), notBefore);
            LocalDate started = latest(lastDose.minusDays(2), notBefore);
            if (lastDose.isAfter(infusion)) {
                lastDose = infusion;
                started = infusion;
            }
            ArrayNode agents = JSON.arrayNode();
            agents.add(JSON.objectNode().put("drug", "Fludarabine").put("doseMgPerM2", new BigDecimal("30")));
            agents.add(JSON.objectNode().put("drug", "Cyclophosphamide").put("doseMgPerM2", new BigDecimal("250")));
            ObjectNode body = JSON.objectNode().put("subjectId", subjectId).put("siteId", siteId)
                    .put("beforeProduct", product);
            body.set("agents", agents);
            body.put("heightCm", heightCm(ageOn(started))).put("weightKg", row.weightKg())
                    .put("startedOn", started.toString()).put("lastDoseOn", lastDose.toString());
            String name = "lymphodepletion-" + product.toLowerCase(java.util.Locale.ROOT);
            return Step.post(subjectId, siteId, name, Actor.SITE_COORDINATOR, "/api/infusion/lymphodepletions", body,
                    keyBase + "-" + name);
        }

        private Step infusion(String product, LocalDate on, BigDecimal dose) {
            ObjectNode body = JSON.objectNode().put("subjectId", subjectId).put("siteId", siteId)
                    .put("product", product).put("infusedAt", on + "T09:00:00Z").put("dose10e6CellsPerKg", dose)
                    .put("weightKg", row.weightKg()).put("productLot", product + "-" + subjectId);
            String name = product.toLowerCase(java.util.Locale.ROOT) + "-infusion";
            return Step.post(subjectId, siteId, name, Actor.SITE_COORDINATOR, "/api/infusion/infusions", body,
                    keyBase + "-" + name);
        }

        private Step crs(int grade, LocalDate onset) {
            ObjectNode findings = JSON.objectNode().put("maxTemperatureCelsius", new BigDecimal("38.9"))
                    .put("feverMaskingTreatmentGiven", false).put("hypotension", grade >= 2);
            ArrayNode vasopressors = findings.putArray("vasopressors");
            if (grade >= 3) {
                vasopressors.add("NOREPINEPHRINE");
            }
            if (grade >= 4) {
                vasopressors.add("EPINEPHRINE");
            }
            findings.put("oxygenDevice", "NONE");
            return adverseEvent("crs", "Cytokine release syndrome", "crs", findings, grade, onset);
        }

        private Step icans(int grade, LocalDate onset) {
            int age = ageOn(onset).setScale(0, RoundingMode.FLOOR).intValueExact();
            boolean capd = age <= 12;
            ObjectNode findings = JSON.objectNode().put("ageYears", age);
            String consciousness = "NONE";
            switch (grade) {
                case 1 -> findings.put(capd ? "capdScore" : "iceScore", capd ? 4 : 8);
                case 2 -> {
                    findings.put(capd ? "capdScore" : "iceScore", capd ? 4 : 5);
                    consciousness = capd ? "AWAKENS_TO_VOICE" : "NONE";
                }
                case 3 -> findings.put(capd ? "capdScore" : "iceScore", capd ? 12 : 2);
                default -> {
                    findings.put("unableToPerformScreen", true);
                    consciousness = "STUPOR_OR_COMA";
                }
            }
            findings.put("consciousness", consciousness).put("seizure", "NONE").put("motorFinding", "NONE")
                    .put("intracranialPressure", "NONE");
            return adverseEvent("icans", "Immune effector cell-associated neurotoxicity syndrome", "icans", findings,
                    grade, onset);
        }

        private Step adverseEvent(String name, String term, String findingsField, ObjectNode findings, int grade,
                LocalDate onset) {
            String key = keyBase + "-" + name;
            ObjectNode body = JSON.objectNode()
                    .put("adverseEventId", UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString())
                    .put("subjectId", subjectId).put("siteId", siteId).put("ctcaeTerm", term)
                    .put("onsetDate", onset.toString());
            body.set(findingsField, findings);
            body.put("serious", grade >= 3);
            if (grade >= 3) {
                body.putArray("seriousnessCriteria").add(grade >= 4 ? "LIFE_THREATENING" : "HOSPITALISATION");
            }
            body.put("relationshipToCarT", "definite").put("expected", true).put("outcome", "UNKNOWN");
            return Step.post(subjectId, siteId, name, Actor.SITE_COORDINATOR, "/api/safety/adverse-events", body, key)
                    .expecting(Map.of("/grade", Integer.toString(grade)));
        }

        /**
         * Grade 0: the site completes the syndrome's surveillance without it, from day 0 to day 28, or to the last
         * day the patient was seen or the data cut-off if earlier.
         */
        private Step noneObserved(String syndrome, LocalDate cd19) {
            LocalDate until = lastObserved(cd19, SURVEILLANCE_DAYS);
            ObjectNode body = JSON.objectNode().put("siteId", siteId).put("syndrome", syndrome)
                    .put("observedFrom", cd19.toString()).put("observedTo", until.toString()).put("observed", false);
            String name = syndrome.toLowerCase(java.util.Locale.ROOT) + "-surveillance";
            return coordinator(name, "/api/safety/subjects/" + subjectId + "/toxicity-surveillance", body);
        }

        private Step baselineAssessment(LocalDate on) {
            ObjectNode body = assessmentBody(assessmentId(0), on, BASELINE_BLASTS, new BigDecimal("0.5"),
                    new BigDecimal("30"), null, null, "NR");
            return Step.post(subjectId, siteId, "baseline-assessment", Actor.SITE_COORDINATOR,
                    "/api/outcomes/subjects/" + subjectId + "/response-assessments", body, keyBase + "-assessment-0")
                    .expecting(Map.of("/derivedResponse", "NR"));
        }

        private Step assessment(Assessment a) {
            Findings f = findings(a);
            String category = a.response() == Response.CRi ? "CRI" : a.response().name();
            ObjectNode body = assessmentBody(assessmentId(a.slot()), a.date(), f.blasts(), f.anc(), f.platelets(),
                    f.mrd(), f.mrdLimit(), category);
            Map<String, String> expect = new LinkedHashMap<>();
            expect.put("/derivedResponse", category);
            expect.put("/mrdNegative", a.mrd() == Mrd.NOT_DONE ? null : Boolean.toString(a.mrd() == Mrd.NEGATIVE));
            return Step.post(subjectId, siteId, "assessment-" + a.slot(), Actor.SITE_COORDINATOR,
                    "/api/outcomes/subjects/" + subjectId + "/response-assessments", body,
                    keyBase + "-assessment-" + a.slot()).expecting(expect);
        }

        private ObjectNode assessmentBody(String id, LocalDate on, BigDecimal blasts, BigDecimal anc,
                BigDecimal platelets, BigDecimal mrd, BigDecimal mrdLimit, String investigatorResponse) {
            ObjectNode body = JSON.objectNode().put("siteId", siteId).put("assessmentId", id)
                    .put("assessedOn", on.toString()).put("marrowBlastsPercent", blasts)
                    .put("circulatingBlasts", false).put("extramedullaryDisease", false).put("cnsStatus", "CNS1")
                    .put("ancPer10e9L", anc).put("plateletsPer10e9L", platelets);
            if (mrd != null) {
                body.put("mrdPercent", mrd).put("mrdDetectionLimitPercent", mrdLimit);
            }
            return body.put("investigatorResponse", investigatorResponse);
        }

        private String assessmentId(int slot) {
            return subjectId + "-A" + slot;
        }

        /** A toxicity's onset: days after the CD19 infusion, not after the last date the patient was seen. */
        private LocalDate onset(LocalDate cd19, int days) {
            return capped(cd19, cd19.plusDays(days), Stream.of(row.deathDate(), row.lastFollowUpDate(),
                    row.withdrawalDate()));
        }

        /** The last day of a surveillance: days after the CD19 infusion, not after the last day seen or the cut-off. */
        private LocalDate lastObserved(LocalDate cd19, int days) {
            return capped(cd19, cd19.plusDays(days), Stream.of(row.deathDate(), row.lastFollowUpDate(),
                    row.withdrawalDate(), row.dataCutoffDate()));
        }

        private static LocalDate capped(LocalDate cd19, LocalDate day, Stream<LocalDate> bounds) {
            LocalDate capped = day;
            for (LocalDate bound : bounds.filter(java.util.Objects::nonNull).toList()) {
                if (bound.isBefore(capped)) {
                    capped = bound;
                }
            }
            return capped.isBefore(cd19) ? cd19 : capped;
        }

        /** Age on a date, from the age at screening. */
        private BigDecimal ageOn(LocalDate date) {
            long days = ChronoUnit.DAYS.between(screenedOn, date);
            return row.ageYears().add(BigDecimal.valueOf(days).divide(new BigDecimal("365.25"), 4,
                    RoundingMode.HALF_EVEN));
        }
    }

    /** Height for the body-surface area, which the cohort does not give: 77 + 6 x age cm, within 60-175 cm. */
    static BigDecimal heightCm(BigDecimal ageYears) {
        BigDecimal height = new BigDecimal("77").add(ageYears.multiply(new BigDecimal("6")));
        height = height.max(new BigDecimal("60")).min(new BigDecimal("175"));
        return height.setScale(1, RoundingMode.HALF_EVEN);
    }

    private static LocalDate latest(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static void putIfKnown(ObjectNode body, String field, Boolean value) {
        if (value != null) {
            body.put(field, value);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
