package org.cartrial.localstack.cohort;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A cohort CSV file (format of {@code shared/data/README.md}: a header line, one row per enrolled patient, ISO
 * dates, empty cell = absent) read into rows, with the SHA-256 of its bytes: the idempotency keys of an import are
 * derived from it, so importing the same file again replays instead of recording twice.
 */
public record CohortFile(String name, String sha256, List<CohortRow> rows) {

    /** A cell that cannot be read, named by line and column. */
    public static final class InvalidCohort extends RuntimeException {
        InvalidCohort(String message) {
            super(message);
        }
    }

    static final List<String> REQUIRED_COLUMNS = List.of("patient_id", "site", "age_years", "weight_kg",
            "enrollment_date", "cd19_infusion_date", "cd22_infusion_date", "relapse_date", "relapse_cd19",
            "relapse_cd22", "death_date", "last_followup_date", "withdrawal_date", "max_crs_grade",
            "max_icans_grade", "data_cutoff_date");
    static final int ASSESSMENT_SLOTS = 5;

    public CohortFile {
        rows = List.copyOf(rows);
    }

    public static CohortFile read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        return parse(file.getFileName().toString(), bytes);
    }

    public static CohortFile parse(String name, byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        String[] lines = text.split("\r?\n", -1);
        if (lines.length == 0 || lines[0].isBlank()) {
            throw new InvalidCohort(name + " is empty: a header line is expected");
        }
        List<String> header = split(lines[0], 1);
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            columns.put(header.get(i).strip(), i);
        }
        List<String> missing = new ArrayList<>();
        for (String column : REQUIRED_COLUMNS) {
            if (!columns.containsKey(column)) {
                missing.add(column);
            }
        }
        for (int slot = 1; slot <= ASSESSMENT_SLOTS; slot++) {
            for (String suffix : List.of("_date", "_response", "_mrd")) {
                if (!columns.containsKey("assess" + slot + suffix)) {
                    missing.add("assess" + slot + suffix);
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new InvalidCohort(name + ": the header lacks the column(s) " + String.join(", ", missing));
        }
        List<CohortRow> rows = new ArrayList<>();
        Set<String> patients = new HashSet<>();
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            CohortRow row = new Cells(name, i + 1, split(lines[i], i + 1), columns).row();
            if (!patients.add(row.patientId())) {
                throw new InvalidCohort(name + " line " + (i + 1) + ": patient " + row.patientId() + " appears twice");
            }
            rows.add(row);
        }
        return new CohortFile(name, sha256(bytes), rows);
    }

    /** Splits a CSV line; a cell may be quoted ("a, b"), a quote inside a quoted cell is doubled. */
    static List<String> split(String line, int lineNumber) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        if (quoted) {
            throw new InvalidCohort("line " + lineNumber + ": a quoted cell is not closed");
        }
        cells.add(cell.toString());
        return cells;
    }

    private static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The cells of one line, read by column name. */
    private record Cells(String file, int line, List<String> cells, Map<String, Integer> columns) {

        CohortRow row() {
            List<CohortRow.Assessment> assessments = new ArrayList<>();
            for (int slot = 1; slot <= ASSESSMENT_SLOTS; slot++) {
                LocalDate date = date("assess" + slot + "_date");
                String response = text("assess" + slot + "_response");
                String mrd = text("assess" + slot + "_mrd");
                if (date == null) {
                    if (response != null || mrd != null) {
                        throw invalid("assess" + slot + "_date", "", "an assessment needs its date");
                    }
                    continue;
                }
                assessments.add(new CohortRow.Assessment(slot, date, response("assess" + slot + "_response", response),
                        mrd("assess" + slot + "_mrd", mrd)));
            }
            LocalDate relapseDate = date("relapse_date");
            CohortRow.Relapse relapse = relapseDate == null ? null
                    : new CohortRow.Relapse(relapseDate, antigen("relapse_cd19"), antigen("relapse_cd22"));
            return new CohortRow(line, required("patient_id"), required("site"), decimal("age_years"),
                    decimal("weight_kg"), requiredDate("enrollment_date"), date("cd19_infusion_date"),
                    date("cd22_infusion_date"), assessments, relapse, date("death_date"), date("last_followup_date"),
                    date("withdrawal_date"), grade("max_crs_grade"), grade("max_icans_grade"),
                    date("data_cutoff_date"));
        }

        private String text(String column) {
            int index = columns.get(column);
            String value = index < cells.size() ? cells.get(index).strip() : "";
            return value.isEmpty() ? null : value;
        }

        private String required(String column) {
            String value = text(column);
            if (value == null) {
                throw invalid(column, "", "the cell is required");
            }
            return value;
        }

        private LocalDate date(String column) {
            String value = text(column);
            try {
                return value == null ? null : LocalDate.parse(value);
            } catch (DateTimeParseException e) {
                throw invalid(column, value, "expected an ISO date yyyy-mm-dd");
            }
        }

        private LocalDate requiredDate(String column) {
            LocalDate value = date(column);
            if (value == null) {
                throw invalid(column, "", "the cell is required");
            }
            return value;
        }

        private BigDecimal decimal(String column) {
            String value = required(column);
            try {
                return new BigDecimal(value);
            } catch (NumberFormatException e) {
                throw invalid(column, value, "expected a number");
            }
        }

        private Integer grade(String column) {
            String value = text(column);
            if (value == null) {
                return null;
            }
            try {
                int grade = Integer.parseInt(value);
                if (grade < 0 || grade > 4) {
                    throw new NumberFormatException();
                }
                return grade;
            } catch (NumberFormatException e) {
                throw invalid(column, value, "expected an ASTCT grade 0-4");
            }
        }

        private Boolean antigen(String column) {
            String value = text(column);
            if (value == null) {
                return null;
            }
            return switch (value) {
                case "positive" -> Boolean.TRUE;
                case "negative" -> Boolean.FALSE;
                default -> throw invalid(column, value, "expected positive or negative");
            };
        }

        private CohortRow.Response response(String column, String value) {
            if (value == null) {
                throw invalid(column, "", "an assessment needs its response (CR, CRi, PR or NR)");
            }
            try {
                return CohortRow.Response.valueOf(value);
            } catch (IllegalArgumentException e) {
                throw invalid(column, value, "expected CR, CRi, PR or NR");
            }
        }

        private CohortRow.Mrd mrd(String column, String value) {
            if (value == null) {
                return CohortRow.Mrd.NOT_DONE;
            }
            return switch (value) {
                case "negative" -> CohortRow.Mrd.NEGATIVE;
                case "positive" -> CohortRow.Mrd.POSITIVE;
                default -> throw invalid(column, value, "expected negative, positive or an empty cell");
            };
        }

        private InvalidCohort invalid(String column, String value, String why) {
            return new InvalidCohort(file + " line " + line + ", column " + column + " ('" + value + "'): " + why);
        }
    }
}
