package org.cartrial.outcomes.analysis.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.cartrial.api.outcomes.ResponseCategory;
import org.cartrial.outcomes.analysis.domain.AntigenStatus;
import org.cartrial.outcomes.analysis.domain.DataCutoff;
import org.cartrial.outcomes.analysis.domain.MrdStatus;
import org.cartrial.outcomes.analysis.domain.Relapse;
import org.cartrial.outcomes.analysis.domain.ResponseAssessment;
import org.cartrial.outcomes.analysis.domain.SubjectCourse;
import org.cartrial.outcomes.analysis.domain.SyndromeHistory;

/**
 * A synthetic cohort of any size, shaped like the trial and like shared/data/cohort-dev.csv, drawn from a seeded
 * {@link Random} so that the same (size, seed) always gives the same subjects: enrolments over three years, CD19
 * infusion one to four weeks later (about 3% never infused), a CR/CRi in the 0-97 day window for about 85%, some
 * late-only responders, screening assessments before day 0, relapses up to about two years after remission with
 * antigen loss, deaths after relapse and in remission, withdrawals, zero follow-up, records dated after the cut-off,
 * and CRS/ICANS grades 0-4 or missing. It produces the analysis' own input, {@link SubjectCourse}, and can write the
 * cohort in the CSV format of shared/data/README.md so that reference.R can be run on it.
 */
public record SyntheticCohort(List<SubjectCourse> subjects, LocalDate dataCutoff, List<Baseline> baselines) {

    /** The columns of the CSV that SubjectCourse does not hold. */
    public record Baseline(double ageYears, double weightKg, LocalDate enrolledOn) {
    }

    static final LocalDate FIRST_ENROLMENT = LocalDate.of(2023, 1, 2);
    static final int ENROLMENT_DAYS = 3 * 365;
    /** Six months after the last enrolment: the last infused have short follow-up. */
    static final LocalDate CUTOFF = FIRST_ENROLMENT.plusDays(ENROLMENT_DAYS + 181);
    static final int ASSESSMENT_SLOTS = 5;
    /** Marrow visits after the response assessment (days): 3, 6, 9, 12, 18 and 24 months. */
    private static final int[] VISITS = {91, 182, 274, 365, 548, 730};

    private static final String HEADER = "patient_id,site,age_years,weight_kg,enrollment_date,cd19_infusion_date,"
            + "cd22_infusion_date,assess1_date,assess1_response,assess1_mrd,assess2_date,assess2_response,assess2_mrd,"
            + "assess3_date,assess3_response,assess3_mrd,assess4_date,assess4_response,assess4_mrd,assess5_date,"
            + "assess5_response,assess5_mrd,relapse_date,relapse_cd19,relapse_cd22,death_date,last_followup_date,"
            + "withdrawal_date,max_crs_grade,max_icans_grade,data_cutoff_date";

    public static SyntheticCohort generate(int size, long seed) {
        Random random = new Random(seed);
        List<SubjectCourse> subjects = new ArrayList<>(size);
        List<Baseline> baselines = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            double age = 1 + random.nextDouble() * 17;
            Baseline baseline = new Baseline(round1(age), round1(Math.max(7, 8 + age * 3 + random.nextGaussian() * 3)),
                    FIRST_ENROLMENT.plusDays(random.nextInt(ENROLMENT_DAYS)));
            String id = String.format(Locale.ROOT, "P%06d", i + 1);
            String site = String.format(Locale.ROOT, "S%02d", 1 + random.nextInt(12));
            subjects.add(subject(random, id, site, baseline.enrolledOn()));
            baselines.add(baseline);
        }
        return new SyntheticCohort(List.copyOf(subjects), CUTOFF, List.copyOf(baselines));
    }

    private static SubjectCourse subject(Random random, String id, String site, LocalDate enrolledOn) {
        if (random.nextDouble() < 0.03) {
            // Enrolled, never infused: withdrawn or died before the CAR-T cells were given.
            LocalDate end = enrolledOn.plusDays(3 + random.nextInt(25));
            boolean died = random.nextDouble() < 0.3;
            return new SubjectCourse(id, site, null, null, List.of(), null, died ? end : null, end, died ? null : end,
                    null, null);
        }
        LocalDate dayZero = enrolledOn.plusDays(7 + random.nextInt(21));
        List<ResponseAssessment> assessments = new ArrayList<>();
        if (random.nextDouble() < 0.2) {
            // Screening marrow before day 0: some enrolled in morphological CR with MRD; it does not count.
            boolean cr = random.nextDouble() < 0.4;
            assessments.add(new ResponseAssessment(dayZero.minusDays(1 + random.nextInt(10)),
                    cr ? ResponseCategory.CR : ResponseCategory.NR, MrdStatus.POSITIVE));
        }
        if (random.nextDouble() < 0.005) {
            // Zero follow-up: nothing known after the infusion, no grade reported.
            return new SubjectCourse(id, site, dayZero, null, assessments, null, null, dayZero, null, null, null);
        }
        Integer crs = grade(random, new double[] {0.21, 0.41, 0.26, 0.06, 0.03});
        Integer icans = grade(random, new double[] {0.72, 0.13, 0.06, 0.06, 0.005});

        LocalDate death = null;
        Relapse relapse = null;
        LocalDate lastContact;
        LocalDate cd22 = null;
        double earlyDeath = random.nextDouble();
        if (earlyDeath < 0.02) {
            // Died before the day-28 assessment: a non-responder.
            death = dayZero.plusDays(2 + random.nextInt(25));
            return course(id, site, dayZero, cd22, assessments, null, death, death, null, crs, icans);
        }
        double kind = random.nextDouble();
        LocalDate firstRemission = null;
        int firstAssessmentDay = 28 + random.nextInt(7) - 3;
        if (kind < 0.80) {
            // CR/CRi at the day-28 assessment.
            firstRemission = dayZero.plusDays(firstAssessmentDay);
            assessments.add(remission(random, firstRemission));
        } else if (kind < 0.87) {
            // Not yet at day 28; CR/CRi later inside the window, a few exactly on day 97.
            assessments.add(new ResponseAssessment(dayZero.plusDays(firstAssessmentDay),
                    random.nextBoolean() ? ResponseCategory.PR : ResponseCategory.NR, MrdStatus.POSITIVE));
            int day = random.nextDouble() < 0.1 ? 97 : 56 + random.nextInt(42);
            firstRemission = dayZero.plusDays(day);
            assessments.add(remission(random, firstRemission));
        } else if (kind < 0.90) {
            // Late-only responder: first CR/CRi after day 97 (some exactly on day 98).
            assessments.add(new ResponseAssessment(dayZero.plusDays(firstAssessmentDay), ResponseCategory.PR,
                    MrdStatus.POSITIVE));
            int day = random.nextDouble() < 0.1 ? 98 : 99 + random.nextInt(90);
            firstRemission = dayZero.plusDays(day);
            assessments.add(remission(random, firstRemission));
        } else {
            // Refractory.
            assessments.add(new ResponseAssessment(dayZero.plusDays(firstAssessmentDay),
                    random.nextDouble() < 0.3 ? ResponseCategory.PR : ResponseCategory.NR, MrdStatus.POSITIVE));
        }

        if (firstRemission == null) {
            // Refractory disease: most die within the year; the rest go to other treatment, followed a while.
            lastContact = dayZero.plusDays(firstAssessmentDay + 30 + exponential(random, 200));
            if (random.nextDouble() < 0.7) {
                death = lastContact;
            }
            return course(id, site, dayZero, cd22, assessments, null, death, lastContact, null, crs, icans);
        }

        if (random.nextDouble() < 0.79) {
            cd22 = dayZero.plusDays(30 + random.nextInt(31));
        }
        // Time in remission to relapse (about 40% within two years) and to death in remission (about 8%).
        double toRelapse = random.nextDouble() < 0.45 ? 30 + exponential(random, 240) : Double.POSITIVE_INFINITY;
        double toNrm = random.nextDouble() < 0.08 ? 10 + exponential(random, 300) : Double.POSITIVE_INFINITY;
        // Follow-up ends at loss to follow-up, withdrawal, or at the (last) visit before the cut-off.
        double lossToFollowUp = random.nextDouble() < 0.10 ? exponential(random, 400) : Double.POSITIVE_INFINITY;
        boolean withdrawn = random.nextDouble() < 0.02;
        double withdrawal = withdrawn ? random.nextInt(500) : Double.POSITIVE_INFINITY;
        long untilCutoff = CUTOFF.toEpochDay() - firstRemission.toEpochDay();
        // Some records lie after the cut-off: visits go on, and the database has them.
        double beyondCutoff = untilCutoff + (random.nextDouble() < 0.05 ? 1 + random.nextInt(60) : -random.nextInt(30));
        double end = Math.min(Math.min(lossToFollowUp, withdrawal), Math.max(beyondCutoff, 0));

        if (toRelapse <= Math.min(toNrm, end)) {
            long relapseDay = (long) toRelapse;
            if (random.nextDouble() < 0.5) {
                // Detected at a scheduled marrow visit.
                relapseDay = nextVisit(relapseDay);
            }
            LocalDate relapseOn = firstRemission.plusDays(relapseDay);
            double cd19Loss = random.nextDouble();
            relapse = new Relapse(relapseOn, cd19Loss < 0.32 ? AntigenStatus.NEGATIVE : AntigenStatus.POSITIVE,
                    random.nextDouble() < 0.22 ? AntigenStatus.NEGATIVE : AntigenStatus.POSITIVE);
            if (random.nextDouble() < 0.55) {
                // Death after relapse, sometimes on the day of the relapse.
                long after = random.nextDouble() < 0.03 ? 0 : 1 + exponential(random, 150);
                death = relapseOn.plusDays(after);
                lastContact = death;
            } else {
                lastContact = firstRemission.plusDays(Math.max(relapseDay, (long) end));
            }
        } else if (toNrm <= end) {
            death = firstRemission.plusDays((long) toNrm);
            lastContact = death;
        } else {
            lastContact = firstRemission.plusDays((long) end);
        }
        if (cd22 != null && (relapse != null && !cd22.isBefore(relapse.detectedOn()) || !cd22.isBefore(lastContact))) {
            cd22 = null;
        }
        // Remission confirmed at the visits seen before relapse, death or the end of follow-up (up to 5 slots).
        LocalDate stop = relapse != null ? relapse.detectedOn() : lastContact;
        for (int visit : VISITS) {
            LocalDate on = dayZero.plusDays(visit);
            if (assessments.size() >= ASSESSMENT_SLOTS || !on.isBefore(stop) || !on.isAfter(firstRemission)) {
                continue;
            }
            assessments.add(new ResponseAssessment(on, ResponseCategory.CR, MrdStatus.NEGATIVE));
        }
        LocalDate withdrawnOn = withdrawn && withdrawal <= end && death == null ? lastContact : null;
        return course(id, site, dayZero, cd22, assessments, relapse, death, lastContact, withdrawnOn, crs, icans);
    }

    private static SubjectCourse course(String id, String site, LocalDate dayZero, LocalDate cd22,
            List<ResponseAssessment> assessments, Relapse relapse, LocalDate death, LocalDate lastContact,
            LocalDate withdrawnOn, Integer crs, Integer icans) {
        // the generated grade is the maximum known on day 0, as a cohort file gives it (0: surveillance without it)
        return new SubjectCourse(id, site, dayZero, cd22, assessments, relapse, death, lastContact, withdrawnOn,
                SyndromeHistory.maxGradeOn(crs, dayZero), SyndromeHistory.maxGradeOn(icans, dayZero));
    }

    private static ResponseAssessment remission(Random random, LocalDate on) {
        return new ResponseAssessment(on, random.nextDouble() < 0.9 ? ResponseCategory.CR : ResponseCategory.CRI,
                random.nextDouble() < 0.92 ? MrdStatus.NEGATIVE : MrdStatus.POSITIVE);
    }

    private static long nextVisit(long day) {
        for (int visit : VISITS) {
            if (visit >= day) {
                return visit;
            }
        }
        return day;
    }

    /** A grade drawn from the shares of grades 0-4; the rest (about 2%) is not reported. */
    private static Integer grade(Random random, double[] shares) {
        double u = random.nextDouble();
        for (int grade = 0; grade < shares.length; grade++) {
            u -= shares[grade];
            if (u < 0) {
                return grade;
            }
        }
        return null;
    }

    private static long exponential(Random random, double mean) {
        return (long) (-mean * Math.log(1 - random.nextDouble()));
    }

    private static double round1(double value) {
        return Math.round(value * 10) / 10.0;
    }

    /** The cohort in the CSV format of shared/data/README.md (one row per enrolled subject). */
    public void writeCsv(Path file) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                out.write(HEADER);
                out.write('\n');
                for (int i = 0; i < subjects.size(); i++) {
                    out.write(row(subjects.get(i), baselines.get(i)));
                    out.write('\n');
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String row(SubjectCourse s, Baseline b) {
        List<String> cells = new ArrayList<>();
        cells.add(s.subjectId());
        cells.add(s.siteId());
        cells.add(String.format(Locale.ROOT, "%.1f", b.ageYears()));
        cells.add(String.format(Locale.ROOT, "%.1f", b.weightKg()));
        cells.add(text(b.enrolledOn()));
        cells.add(text(s.cd19InfusionDate()));
        cells.add(text(s.cd22InfusionDate()));
        for (int slot = 0; slot < ASSESSMENT_SLOTS; slot++) {
            if (slot < s.assessments().size()) {
                ResponseAssessment a = s.assessments().get(slot);
                cells.add(text(a.assessedOn()));
                cells.add(a.response() == ResponseCategory.CRI ? "CRi" : a.response().name());
                cells.add(a.mrd() == null ? "" : a.mrd().name().toLowerCase(Locale.ROOT));
            } else {
                cells.add("");
                cells.add("");
                cells.add("");
            }
        }
        Relapse r = s.relapse();
        cells.add(r == null ? "" : text(r.detectedOn()));
        cells.add(r == null || r.cd19() == null ? "" : r.cd19().name().toLowerCase(Locale.ROOT));
        cells.add(r == null || r.cd22() == null ? "" : r.cd22().name().toLowerCase(Locale.ROOT));
        cells.add(text(s.deathDate()));
        cells.add(text(s.lastFollowUpDate()));
        cells.add(text(s.withdrawalDate()));
        Integer crs = s.crs().maxGrade(DataCutoff.of(dataCutoff));
        Integer icans = s.icans().maxGrade(DataCutoff.of(dataCutoff));
        cells.add(crs == null ? "" : crs.toString());
        cells.add(icans == null ? "" : icans.toString());
        cells.add(text(dataCutoff));
        return String.join(",", cells);
    }

    private static String text(LocalDate date) {
        return date == null ? "" : date.toString();
    }
}
