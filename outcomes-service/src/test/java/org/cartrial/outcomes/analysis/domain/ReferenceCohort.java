package org.cartrial.outcomes.analysis.domain;

import org.cartrial.api.outcomes.ResponseCategory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The synthetic reference cohort (shared/data/cohort-dev.csv, copied under test resources): one row per enrolled
 * subject, read into the analysis' own input records. Empty cells are absent values.
 */
public record ReferenceCohort(List<SubjectCourse> subjects, LocalDate dataCutoff) {

    private static final int ASSESSMENT_SLOTS = 5;

    public static ReferenceCohort read(String resource) {
        try (InputStream in = ReferenceCohort.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + resource);
            }
            return read(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A cohort in the same format from a file, e.g. one written by the benchmark's generator. */
    public static ReferenceCohort read(Path file) {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ReferenceCohort read(BufferedReader reader) throws IOException {
        String[] header = reader.readLine().split(",", -1);
        List<SubjectCourse> subjects = new ArrayList<>();
        LocalDate cutoff = null;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < header.length; i++) {
                row.put(header[i], i < cells.length && !cells[i].isEmpty() ? cells[i] : null);
            }
            subjects.add(subject(row));
            LocalDate rowCutoff = LocalDate.parse(row.get("data_cutoff_date"));
            if (cutoff != null && !cutoff.equals(rowCutoff)) {
                throw new IllegalStateException("data_cutoff_date must hold one value");
            }
            cutoff = rowCutoff;
        }
        return new ReferenceCohort(subjects, cutoff);
    }

    private static SubjectCourse subject(Map<String, String> row) {
        List<ResponseAssessment> assessments = new ArrayList<>();
        for (int slot = 1; slot <= ASSESSMENT_SLOTS; slot++) {
            LocalDate on = value(row, "assess" + slot + "_date", LocalDate::parse);
            ResponseCategory response = value(row, "assess" + slot + "_response", ResponseCategory::parse);
            if (on != null && response != null) {
                assessments.add(new ResponseAssessment(on, response, value(row, "assess" + slot + "_mrd", MrdStatus::parse)));
            }
        }
        LocalDate relapseOn = value(row, "relapse_date", LocalDate::parse);
        Relapse relapse = relapseOn == null ? null
                : new Relapse(relapseOn, value(row, "relapse_cd19", AntigenStatus::parse),
                        value(row, "relapse_cd22", AntigenStatus::parse));
        // The file gives each syndrome's maximum grade without a date: it is taken as known from day 0.
        LocalDate dayZero = value(row, "cd19_infusion_date", LocalDate::parse);
        return new SubjectCourse(row.get("patient_id"), row.get("site"), dayZero,
                value(row, "cd22_infusion_date", LocalDate::parse), assessments, relapse,
                value(row, "death_date", LocalDate::parse), value(row, "last_followup_date", LocalDate::parse),
                value(row, "withdrawal_date", LocalDate::parse),
                SyndromeHistory.maxGradeOn(value(row, "max_crs_grade", Integer::valueOf), dayZero),
                SyndromeHistory.maxGradeOn(value(row, "max_icans_grade", Integer::valueOf), dayZero));
    }

    private static <T> T value(Map<String, String> row, String column, Function<String, T> parse) {
        if (!row.containsKey(column)) {
            throw new IllegalArgumentException("no column " + column);
        }
        String cell = row.get(column);
        return cell == null ? null : parse.apply(cell);
    }
}
