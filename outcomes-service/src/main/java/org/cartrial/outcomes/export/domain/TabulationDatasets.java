package org.cartrial.outcomes.export.domain;

import static org.cartrial.outcomes.export.domain.Subjects.iso;
import static org.cartrial.outcomes.export.domain.Subjects.response;
import static org.cartrial.outcomes.export.domain.Subjects.studyDay;
import static org.cartrial.outcomes.export.domain.Subjects.usubjid;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.cartrial.outcomes.analysis.domain.AntigenStatus;
import org.cartrial.outcomes.analysis.domain.DataCutoff;
import org.cartrial.outcomes.analysis.domain.ResponseAssessment;
import org.cartrial.outcomes.analysis.domain.SubjectCourse;

/**
 * SDTM domains (SDTMIG 3.4) as of a cut-off from the subjects' courses: DM, DS, EX, AE (the CRS and ICANS adverse
 * events with their ASTCT grade), RS (derived responses, the MRD result, relapse) with SUPPRS for the relapse's
 * antigen pattern, and the trial design TS, TA, TE. RFSTDTC is the CD19 infusion (study day 1); dates are ISO 8601;
 * anything dated after the cut-off is left out.
 */
public final class TabulationDatasets {

    static final String ARMCD = "CD19CD22";
    static final String ARM = "Sequential CD19 then CD22 CAR-T";
    static final String CRS = "Cytokine release syndrome";
    static final String ICANS = "Immune effector cell-associated neurotoxicity syndrome";

    private final Supplier<Stream<ExportSubject>> subjects;
    private final long enrolled;
    private final DataCutoff cutoff;
    private final ExportCut cut;

    /**
     * {@code subjects}: the enrolled subjects in USUBJID order, read afresh at every pass, each with its audit trail
     * (AE takes each adverse event's latest recorded values from it); {@code enrolled}: how many they are (TS).
     */
    public TabulationDatasets(Supplier<Stream<ExportSubject>> subjects, long enrolled, ExportCut cut) {
        this.subjects = subjects;
        this.enrolled = enrolled;
        this.cut = cut;
        this.cutoff = DataCutoff.of(cut.dataCutoff());
    }

    public List<Dataset> all() {
        return List.of(dm(), ds(), ex(), ae(), rs(), supprs(), ts(), ta(), te());
    }

    private static List<Variable> identifiers(String domain) {
        return List.of(Variable.text("STUDYID", "Study Identifier", 20), Variable.text("DOMAIN", "Domain Abbreviation", 2),
                Variable.key("USUBJID", "Unique Subject Identifier", 60, 1),
                Variable.key(domain + "SEQ", "Sequence Number", 8, 2));
    }

    private static List<Variable> with(List<Variable> first, Variable... more) {
        List<Variable> all = new ArrayList<>(first);
        all.addAll(Arrays.asList(more));
        return all;
    }

    /** Demographics: one row per enrolled subject; RFSTDTC is the CD19 infusion, the trial's day 1. */
    public Dataset dm() {
        List<Variable> columns = List.of(Variable.text("STUDYID", "Study Identifier", 20),
                Variable.text("DOMAIN", "Domain Abbreviation", 2),
                Variable.key("USUBJID", "Unique Subject Identifier", 60, 1),
                Variable.text("SUBJID", "Subject Identifier for the Study", 20),
                Variable.text("RFSTDTC", "Subject Reference Start Date/Time", 20),
                Variable.text("RFENDTC", "Subject Reference End Date/Time", 20),
                Variable.text("RFXSTDTC", "Date/Time of First Study Treatment", 20),
                Variable.text("RFXENDTC", "Date/Time of Last Study Treatment", 20),
                Variable.text("DTHDTC", "Date/Time of Death", 20),
                Variable.text("DTHFL", "Subject Death Flag", 1),
                Variable.text("SITEID", "Study Site Identifier", 10),
                Variable.integer("AGE", "Age"),
                Variable.text("AGEU", "Age Units", 6),
                Variable.text("SEX", "Sex", 1),
                Variable.text("ARMCD", "Planned Arm Code", 20),
                Variable.text("ARM", "Description of Planned Arm", 40),
                Variable.text("ACTARMCD", "Actual Arm Code", 20),
                Variable.text("ACTARM", "Description of Actual Arm", 40),
                Variable.text("ARMNRS", "Reason Arm and/or Actual Arm is Null", 40),
                Variable.text("ACTARMUD", "Description of Unplanned Actual Arm", 40));
        return Dataset.perSubject("DM", "Demographics", Dataset.Standard.SDTM, columns, subjects, s -> {
            SubjectCourse c = s.course();
            LocalDate cd19 = cutoff.admitted(c.cd19InfusionDate());
            LocalDate cd22 = cd19 == null ? null : cutoff.admitted(c.cd22InfusionDate());
            LocalDate death = cutoff.admitted(c.deathDate());
            LocalDate end = latest(death, cutoff.admitted(c.lastFollowUpDate()), cutoff.admitted(c.withdrawalDate()));
            String actarmcd = cd19 == null ? null : cd22 == null ? "CD19" : ARMCD;
            Map<String, String> screening = screening(s.audit());
            Integer age = screening.get("AGE") == null ? null
                    : new BigDecimal(screening.get("AGE")).setScale(0, RoundingMode.FLOOR).intValueExact();
            return List.of(row(ExportCut.STUDY_ID, "DM", usubjid(c.siteId(), c.subjectId()), c.subjectId(), iso(cd19),
                    iso(cd19 == null ? null : end), iso(cd19), iso(cd22 != null ? cd22 : cd19), iso(death),
                    death == null ? null : "Y", c.siteId(), age, age == null ? null : "YEARS", sex(screening), ARMCD, ARM, actarmcd, cd19 == null ? null : cd22 == null ? "CD19 CAR-T only" : ARM,
                    cd19 == null ? "ASSIGNED, NOT TREATED" : null, cd22 == null && cd19 != null
                            ? "CD19 CAR-T without CD22 CAR-T" : null));
        });
    }

    /** Disposition: death and withdrawal, each dated, on or before the cut-off. */
    public Dataset ds() {
        List<Variable> columns = with(identifiers("DS"), Variable.text("DSTERM", "Reported Term for the Disposition Event", 60),
                Variable.text("DSDECOD", "Standardized Disposition Term", 40),
                Variable.text("DSCAT", "Category for Disposition Event", 30),
                Variable.text("DSSTDTC", "Start Date/Time of Disposition Event", 20),
                Variable.integer("DSSTDY", "Study Day of Start of Disposition Event"));
        return Dataset.perSubject("DS", "Disposition", Dataset.Standard.SDTM, columns, subjects, s -> {
            SubjectCourse c = s.course();
            List<List<Object>> rows = new ArrayList<>();
            String usubjid = usubjid(c.siteId(), c.subjectId());
            LocalDate day1 = cutoff.admitted(c.cd19InfusionDate());
            LocalDate withdrawn = cutoff.admitted(c.withdrawalDate());
            LocalDate death = cutoff.admitted(c.deathDate());
            if (withdrawn != null) {
                rows.add(row(ExportCut.STUDY_ID, "DS", usubjid, rows.size() + 1, "WITHDRAWAL BY PARENT/GUARDIAN",
                        "WITHDRAWAL BY PARENT/GUARDIAN", "DISPOSITION EVENT", iso(withdrawn), studyDay(day1, withdrawn)));
            }
            if (death != null) {
                rows.add(row(ExportCut.STUDY_ID, "DS", usubjid, rows.size() + 1, "DEATH", "DEATH", "DISPOSITION EVENT",
                        iso(death), studyDay(day1, death)));
            }
            return rows;
        });
    }

    /**
     * The findings of the subject's latest screening on or before the cut-off, as last corrected (empty when no
     * screening was recorded: subjects enrolled before the screening reached the audit trail).
     */
    private static Map<String, String> screening(SubjectAudit audit) {
        if (audit == null) {
            return Map.of();
        }
        var screenings = audit.latest("SC"); // keyed by the ISO date: the last is the latest
        return screenings.isEmpty() ? Map.of() : screenings.lastEntry().getValue();
    }

    /**
     * SDTM SEX (codelist SEX: F, M, U) from the screening's female, male, other, unknown. "other" has no term in the
     * codelist (UNDIFFERENTIATED is a clinical finding, not what the form asks), so it is U, as is a subject without a
     * recorded screening.
     */
    static String sex(Map<String, String> screening) {
        String sex = screening.get("SEX");
        return "female".equals(sex) ? "F" : "male".equals(sex) ? "M" : "U";
    }

    /**
     * Exposure: the CD19 and CD22 CAR-T infusions (dose in 10^6 CAR-T cells/kg, once, intravenous, with the product
     * lot) and the lymphodepleting chemotherapy before each (one record per drug: mg/m2 once daily from the first to
     * the last dose day), in date order. Doses, lots and lymphodepletions come from the audit trail's latest recorded
     * values; where none was recorded (infusions before the audit trail held them) the dose is empty.
     */
    public Dataset ex() {
        List<Variable> columns = with(identifiers("EX"), Variable.text("EXTRT", "Name of Treatment", 40),
                Variable.text("EXCAT", "Category of Treatment", 40),
                Variable.decimal("EXDOSE", "Dose"),
                Variable.text("EXDOSU", "Dose Units", 20),
                Variable.text("EXDOSFRQ", "Dosing Frequency per Interval", 10),
                Variable.text("EXROUTE", "Route of Administration", 20),
                Variable.text("EXLOT", "Lot Number", 40),
                Variable.text("EXSTDTC", "Start Date/Time of Treatment", 20),
                Variable.text("EXENDTC", "End Date/Time of Treatment", 20),
                Variable.integer("EXSTDY", "Study Day of Start of Treatment"),
                Variable.integer("EXENDY", "Study Day of End of Treatment"));
        return Dataset.perSubject("EX", "Exposure", Dataset.Standard.SDTM, columns, subjects, s -> {
            SubjectCourse c = s.course();
            String usubjid = usubjid(c.siteId(), c.subjectId());
            LocalDate day1 = cutoff.admitted(c.cd19InfusionDate());
            Map<String, Map<String, String>> infusions = s.audit() == null ? Map.of() : s.audit().latest("EX");
            List<Exposure> given = new ArrayList<>();
            if (day1 != null) {
                given.add(infusion("CD19", day1, infusions.get("CD19")));
                LocalDate cd22 = cutoff.admitted(c.cd22InfusionDate());
                if (cd22 != null) {
                    given.add(infusion("CD22", cd22, infusions.get("CD22")));
                }
            }
            if (s.audit() != null) {
                for (Map<String, String> ld : s.audit().latest("LD").values()) {
                    LocalDate first = LocalDate.parse(ld.get("LDSTDTC"));
                    LocalDate last = ld.get("LDENDTC") == null ? null : cutoff.admitted(LocalDate.parse(ld.get("LDENDTC")));
                    for (String agent : ld.get("AGENTS") == null ? new String[0] : ld.get("AGENTS").split(";")) {
                        int colon = agent.lastIndexOf(':');
                        given.add(new Exposure(agent.substring(0, colon).toUpperCase(java.util.Locale.ROOT),
                                "LYMPHODEPLETING CHEMOTHERAPY", decimal(agent.substring(colon + 1)), "mg/m2", "QD",
                                null, first, last));
                    }
                }
            }
            // by start date; on one day lymphodepletion (it ends before the infusion) then the drug names
            given.sort(Comparator.comparing(Exposure::start).thenComparing(Exposure::category, Comparator.reverseOrder())
                    .thenComparing(Exposure::treatment));
            List<List<Object>> rows = new ArrayList<>();
            for (Exposure e : given) {
                rows.add(row(ExportCut.STUDY_ID, "EX", usubjid, rows.size() + 1, e.treatment(), e.category(), e.dose(),
                        e.dose() == null ? null : e.unit(), e.dose() == null ? null : e.frequency(), "INTRAVENOUS",
                        e.lot(), iso(e.start()), iso(e.end()), studyDay(day1, e.start()), studyDay(day1, e.end())));
            }
            return rows;
        });
    }

    /** One EX record before it is numbered. */
    private record Exposure(String treatment, String category, BigDecimal dose, String unit, String frequency,
            String lot, LocalDate start, LocalDate end) {
    }

    private static Exposure infusion(String product, LocalDate on, Map<String, String> recorded) {
        Map<String, String> values = recorded == null ? Map.of() : recorded;
        return new Exposure(product + " CAR-T CELLS", "CAR-T CELL THERAPY", decimal(values.get("EXDOSE")),
                "10^6 cells/kg", "ONCE", values.get("EXLOT"), on, on);
    }

    private static BigDecimal decimal(String text) {
        return text == null || text.isBlank() ? null : new BigDecimal(text);
    }

    /**
     * Adverse events with onset on or before the cut-off at their latest recorded state: term, MedDRA code, dates,
     * toxicity grade and scale (CTCAE v5 or ASTCT 2019 for CRS/ICANS), seriousness with its ICH E2A flags,
     * relationship to CAR-T and outcome in CDISC terminology.
     */
    public Dataset ae() {
        List<Variable> columns = with(identifiers("AE"), Variable.text("AETERM", "Reported Term for the Adverse Event", 80),
                Variable.text("AEDECOD", "Dictionary-Derived Term", 80),
                Variable.text("AELLTCD", "Lowest Level Term Code", 10),
                Variable.text("AECAT", "Category for Adverse Event", 40),
                Variable.text("AESER", "Serious Event", 1),
                Variable.text("AESDTH", "Results in Death", 1),
                Variable.text("AESLIFE", "Is Life Threatening", 1),
                Variable.text("AESHOSP", "Requires or Prolongs Hospitalization", 1),
                Variable.text("AESDISAB", "Persist or Signif Disability/Incapacity", 1),
                Variable.text("AESCONG", "Congenital Anomaly or Birth Defect", 1),
                Variable.text("AESMIE", "Other Medically Important Serious Event", 1),
                Variable.text("AEREL", "Causality", 20),
                Variable.text("AEOUT", "Outcome of Adverse Event", 40),
                Variable.text("AETOXGR", "Standard Toxicity Grade", 2),
                Variable.text("AETOXGRS", "Toxicity Grading Scale", 20),
                Variable.text("AESTDTC", "Start Date/Time of Adverse Event", 20),
                Variable.text("AEENDTC", "End Date/Time of Adverse Event", 20),
                Variable.integer("AESTDY", "Study Day of Start of Adverse Event"),
                Variable.integer("AEENDY", "Study Day of End of Adverse Event"));
        return Dataset.perSubject("AE", "Adverse Events", Dataset.Standard.SDTM, columns, subjects, s -> {
            SubjectCourse c = s.course();
            SubjectAudit audit = s.audit();
            if (audit == null) {
                return List.of();
            }
            String usubjid = usubjid(c.siteId(), c.subjectId());
            LocalDate day1 = cutoff.admitted(c.cd19InfusionDate());
            java.util.Map<String, java.util.Map<String, String>> latest = new java.util.TreeMap<>();
            for (AuditedItem item : audit.items()) {
                if (!item.itemGroup().equals("AE")) {
                    continue;
                }
                latest.computeIfAbsent(item.repeatKey(), k -> new java.util.HashMap<>())
                        .put(item.item(), item.changes().get(item.changes().size() - 1).newValue());
            }
            List<java.util.Map<String, String>> events = latest.values().stream()
                    .filter(v -> v.get("AESTDTC") != null && cutoff.admits(LocalDate.parse(v.get("AESTDTC"))))
                    .sorted(Comparator.comparing((java.util.Map<String, String> v) -> v.get("AESTDTC"))
                            .thenComparing(v -> String.valueOf(v.get("AETERM"))))
                    .toList();
            List<List<Object>> rows = new ArrayList<>();
            for (java.util.Map<String, String> v : events) {
                boolean serious = "Y".equals(v.get("AESER"));
                List<String> criteria = v.get("AESCRIT") == null ? List.of() : List.of(v.get("AESCRIT").split(";"));
                LocalDate start = LocalDate.parse(v.get("AESTDTC"));
                LocalDate end = v.get("AEENDTC") == null ? null : cutoff.admitted(LocalDate.parse(v.get("AEENDTC")));
                String term = v.get("AETERM");
                boolean syndrome = term != null && (term.equalsIgnoreCase(CRS) || term.equalsIgnoreCase(ICANS));
                rows.add(row(ExportCut.STUDY_ID, "AE", usubjid, rows.size() + 1, term, term, v.get("AELLTCD"),
                        syndrome ? "CAR-T TOXICITY" : null, serious ? "Y" : "N",
                        seriousFlag(serious, criteria, "DEATH"), seriousFlag(serious, criteria, "LIFE_THREATENING"),
                        seriousFlag(serious, criteria, "HOSPITALISATION"),
                        seriousFlag(serious, criteria, "PERSISTENT_OR_SIGNIFICANT_DISABILITY"),
                        seriousFlag(serious, criteria, "CONGENITAL_ANOMALY"),
                        seriousFlag(serious, criteria, "OTHER_IMPORTANT_MEDICAL_EVENT"),
                        causality(v.get("AEREL")), outcome(v.get("AEOUT")), v.get("AETOXGR"),
                        scale(v.get("AETOXGRS")), iso(start), iso(end), studyDay(day1, start), studyDay(day1, end)));
            }
            return rows;
        });
    }

    private static String seriousFlag(boolean serious, List<String> criteria, String criterion) {
        return serious ? (criteria.contains(criterion) ? "Y" : "N") : null;
    }

    /** The relationship words of the case report form as CDISC's causality terms. */
    static String causality(String relationship) {
        if (relationship == null) {
            return null;
        }
        return switch (relationship.toLowerCase(java.util.Locale.ROOT)) {
            case "unrelated" -> "NOT RELATED";
            case "unlikely" -> "UNLIKELY RELATED";
            case "possible" -> "POSSIBLY RELATED";
            case "probable" -> "PROBABLY RELATED";
            case "definite" -> "RELATED";
            default -> relationship.toUpperCase(java.util.Locale.ROOT);
        };
    }

    /** CDISC's outcome terminology (codelist OUT). */
    static String outcome(String outcome) {
        if (outcome == null) {
            return null;
        }
        return switch (outcome) {
            case "RECOVERED" -> "RECOVERED/RESOLVED";
            case "RECOVERED_WITH_SEQUELAE" -> "RECOVERED/RESOLVED WITH SEQUELAE";
            case "RECOVERING" -> "RECOVERING/RESOLVING";
            case "NOT_RECOVERED" -> "NOT RECOVERED/NOT RESOLVED";
            case "FATAL" -> "FATAL";
            default -> "UNKNOWN";
        };
    }

    private static String scale(String gradingScale) {
        return gradingScale == null ? null : gradingScale.startsWith("ASTCT") ? "ASTCT 2019" : gradingScale.replace('-', ' ');
    }

    /**
     * Disease response: each assessment's derived overall response (CR, CRi, PR, NR), its MRD result by flow
     * cytometry, and the relapse (RSORRES RELAPSE) whose antigen pattern goes to SUPPRS.
     */
    public Dataset rs() {
        List<Variable> columns = with(identifiers("RS"), Variable.text("RSTESTCD", "Assessment Short Name", 8),
                Variable.text("RSTEST", "Assessment Name", 40),
                Variable.text("RSCAT", "Category for Assessment", 40),
                Variable.text("RSORRES", "Result or Finding in Original Units", 20),
                Variable.text("RSSTRESC", "Result or Finding in Standard Format", 20),
                Variable.text("RSEVAL", "Evaluator", 20),
                Variable.text("RSDTC", "Date/Time of Assessment", 20),
                Variable.integer("RSDY", "Study Day of Assessment"));
        return Dataset.perSubject("RS", "Disease Response and Clin Classification", Dataset.Standard.SDTM, columns,
                subjects, s -> rsRows(s.course()));
    }

    private List<List<Object>> rsRows(SubjectCourse c) {
        List<List<Object>> rows = new ArrayList<>();
        String usubjid = usubjid(c.siteId(), c.subjectId());
        LocalDate day1 = cutoff.admitted(c.cd19InfusionDate());
        for (ResponseAssessment a : c.assessments()) {
            if (!cutoff.admits(a.assessedOn())) {
                continue;
            }
            rows.add(row(ExportCut.STUDY_ID, "RS", usubjid, rows.size() + 1, "OVRLRESP", "Overall Response",
                    "B-ALL RESPONSE (PROTOCOL SECTION 4)", response(a.response()), response(a.response()), "SPONSOR",
                    iso(a.assessedOn()), studyDay(day1, a.assessedOn())));
            if (a.mrd() != null) {
                rows.add(row(ExportCut.STUDY_ID, "RS", usubjid, rows.size() + 1, "MRDSTAT", "MRD Status by Flow Cytometry",
                        "B-ALL RESPONSE (PROTOCOL SECTION 4)", a.mrd().name(), a.mrd().name(), "SPONSOR",
                        iso(a.assessedOn()), studyDay(day1, a.assessedOn())));
            }
        }
        if (c.relapse() != null && cutoff.admits(c.relapse().detectedOn())) {
            rows.add(row(ExportCut.STUDY_ID, "RS", usubjid, rows.size() + 1, "OVRLRESP", "Overall Response",
                    "B-ALL RESPONSE (PROTOCOL SECTION 4)", "RELAPSE", "RELAPSE", "INVESTIGATOR",
                    iso(c.relapse().detectedOn()), studyDay(day1, c.relapse().detectedOn())));
        }
        return rows;
    }

    /** The relapse's CD19 and CD22 status, which RS has no variable for, linked to its RS record by RSSEQ. */
    public Dataset supprs() {
        List<Variable> columns = List.of(Variable.text("STUDYID", "Study Identifier", 20),
                Variable.text("RDOMAIN", "Related Domain Abbreviation", 2),
                Variable.key("USUBJID", "Unique Subject Identifier", 60, 1),
                Variable.text("IDVAR", "Identifying Variable", 8),
                Variable.key("IDVARVAL", "Identifying Variable Value", 8, 2),
                Variable.key("QNAM", "Qualifier Variable Name", 8, 3),
                Variable.text("QLABEL", "Qualifier Variable Label", 40),
                Variable.text("QVAL", "Data Value", 20),
                Variable.text("QORIG", "Origin", 20),
                Variable.text("QEVAL", "Evaluator", 20));
        return Dataset.perSubject("SUPPRS", "Supplemental Qualifiers for RS", Dataset.Standard.SDTM, columns,
                subjects, s -> {
                    SubjectCourse c = s.course();
                    if (c.relapse() == null || !cutoff.admits(c.relapse().detectedOn())) {
                        return List.of();
                    }
                    List<List<Object>> rs = rsRows(c);
                    Object seq = rs.get(rs.size() - 1).get(3);
                    String usubjid = usubjid(c.siteId(), c.subjectId());
                    List<List<Object>> rows = new ArrayList<>();
                    antigen(rows, usubjid, seq, "CD19STAT", "CD19 Status of Relapsed Blasts", c.relapse().cd19());
                    antigen(rows, usubjid, seq, "CD22STAT", "CD22 Status of Relapsed Blasts", c.relapse().cd22());
                    return rows;
                });
    }

    private static void antigen(List<List<Object>> rows, String usubjid, Object seq, String qnam, String qlabel,
            AntigenStatus status) {
        if (status != null) {
            rows.add(row(ExportCut.STUDY_ID, "RS", usubjid, "RSSEQ", String.valueOf(seq), qnam, qlabel, status.name(),
                    "CRF", null));
        }
    }

    /** Trial summary: the protocol's design parameters, the data cut-off and the number of subjects. */
    public Dataset ts() {
        List<Variable> columns = List.of(Variable.text("STUDYID", "Study Identifier", 20),
                Variable.text("DOMAIN", "Domain Abbreviation", 2),
                Variable.key("TSSEQ", "Sequence Number", 8, 2),
                Variable.key("TSPARMCD", "Trial Summary Parameter Short Name", 8, 1),
                Variable.text("TSPARM", "Trial Summary Parameter", 40),
                Variable.text("TSVAL", "Parameter Value", 200),
                Variable.text("TSVALCD", "Parameter Value Code", 20),
                Variable.text("TSVCDREF", "Name of the Reference Terminology", 20));
        String[][] parameters = {
                {"TITLE", "Trial Title", "Sequential CD19 then CD22 CAR-T cell therapy for children with relapsed/refractory B-cell acute lymphoblastic leukaemia", null, null},
                {"TPHASE", "Trial Phase Classification", "PHASE II TRIAL", "C15601", "CDISC CT"},
                {"STYPE", "Study Type", "INTERVENTIONAL", "C98388", "CDISC CT"},
                {"TBLIND", "Trial Blinding Schema", "OPEN LABEL", "C49659", "CDISC CT"},
                {"TCNTRL", "Control Type", "NONE", "C41132", "CDISC CT"},
                {"TTYPE", "Trial Type", "EFFICACY", "C49666", "CDISC CT"},
                {"INDIC", "Trial Disease/Condition Indication", "Relapsed/refractory B-cell acute lymphoblastic leukaemia", null, null},
                {"AGEMIN", "Planned Minimum Age of Subjects", "P1Y", null, "ISO 8601"},
                {"AGEMAX", "Planned Maximum Age of Subjects", "P18Y", null, "ISO 8601"},
                {"SEXPOP", "Sex of Participants", "BOTH", "C49636", "CDISC CT"},
                {"NARMS", "Planned Number of Arms", "1", null, null},
                {"ACTSUB", "Actual Number of Subjects", String.valueOf(enrolled), null, null},
                {"PRTVER", "Protocol Version", cut.protocolVersion(), null, null},
                {"DCUTDTC", "Data Cutoff Date", cut.dataCutoff().toString(), null, "ISO 8601"},
                {"DCUTDESC", "Data Cutoff Description", "Clinical dates after the cut-off ignored; follow-up capped at it", null, null}};
        return new Dataset("TS", "Trial Summary", Dataset.Standard.SDTM, columns, () -> Arrays.stream(parameters)
                .map(p -> row(ExportCut.STUDY_ID, "TS", 1, p[0], p[1], p[2], p[3], p[4])));
    }

    /** The elements in the order of the one arm: screening, lymphodepletion, CD19 CAR-T, lymphodepletion, CD22, follow-up. */
    private static final String[][] ELEMENTS = {
            {"SCRN", "Screening", "Informed consent", "Enrolment", "SCREENING"},
            {"LD19", "Lymphodepletion before CD19 CAR-T", "First dose of lymphodepletion", "CD19 CAR-T infusion", "TREATMENT"},
            {"CD19", "CD19 CAR-T", "CD19 CAR-T infusion (day 0)", "Lymphodepletion before CD22 or follow-up", "TREATMENT"},
            {"LD22", "Lymphodepletion before CD22 CAR-T", "First dose of lymphodepletion after an MRD-negative CR/CRi", "CD22 CAR-T infusion", "TREATMENT"},
            {"CD22", "CD22 CAR-T", "CD22 CAR-T infusion", "Follow-up", "TREATMENT"},
            {"FU", "Follow-up", "End of treatment", "Death, withdrawal or end of study", "FOLLOW-UP"}};

    public Dataset ta() {
        List<Variable> columns = List.of(Variable.text("STUDYID", "Study Identifier", 20),
                Variable.text("DOMAIN", "Domain Abbreviation", 2),
                Variable.key("ARMCD", "Planned Arm Code", 20, 1),
                Variable.text("ARM", "Description of Planned Arm", 40),
                Variable.key("TAETORD", "Planned Order of Element within Arm", 8, 2),
                Variable.text("ETCD", "Element Code", 8),
                Variable.text("ELEMENT", "Description of Element", 60),
                Variable.text("TABRANCH", "Branch", 60),
                Variable.text("TATRANS", "Transition Rule", 80),
                Variable.text("EPOCH", "Epoch", 20));
        return new Dataset("TA", "Trial Arms", Dataset.Standard.SDTM, columns, () -> java.util.stream.IntStream
                .range(0, ELEMENTS.length).mapToObj(i -> row(ExportCut.STUDY_ID, "TA", ARMCD, ARM, i + 1,
                        ELEMENTS[i][0], ELEMENTS[i][1], null,
                        ELEMENTS[i][0].equals("CD19") ? "If MRD-negative CR/CRi and no open non-haematological AE above grade 2, go to LD22; else go to FU" : null,
                        ELEMENTS[i][4])));
    }

    public Dataset te() {
        List<Variable> columns = List.of(Variable.text("STUDYID", "Study Identifier", 20),
                Variable.text("DOMAIN", "Domain Abbreviation", 2),
                Variable.key("ETCD", "Element Code", 8, 1),
                Variable.text("ELEMENT", "Description of Element", 60),
                Variable.text("TESTRL", "Rule for Start of Element", 80),
                Variable.text("TEENRL", "Rule for End of Element", 80),
                Variable.text("TEDUR", "Planned Duration of Element", 20));
        return new Dataset("TE", "Trial Elements", Dataset.Standard.SDTM, columns, () -> Arrays.stream(ELEMENTS)
                .map(e -> row(ExportCut.STUDY_ID, "TE", e[0], e[1], e[2], e[3], null)));
    }

    private static LocalDate latest(LocalDate... dates) {
        return Arrays.stream(dates).filter(java.util.Objects::nonNull).max(Comparator.naturalOrder()).orElse(null);
    }

    private static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }
}
