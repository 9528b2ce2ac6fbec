package org.cartrial.localstack.cohort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import org.cartrial.localstack.cohort.CohortRow.Mrd;
import org.cartrial.localstack.cohort.CohortRow.Response;
import org.junit.jupiter.api.Test;

class CohortFileTest {

    private static final String HEADER = "patient_id,site,age_years,weight_kg,enrollment_date,cd19_infusion_date,"
            + "cd22_infusion_date,assess1_date,assess1_response,assess1_mrd,assess2_date,assess2_response,assess2_mrd,"
            + "assess3_date,assess3_response,assess3_mrd,assess4_date,assess4_response,assess4_mrd,assess5_date,"
            + "assess5_response,assess5_mrd,relapse_date,relapse_cd19,relapse_cd22,death_date,last_followup_date,"
            + "withdrawal_date,max_crs_grade,max_icans_grade,data_cutoff_date";
    private static final String ROW = "P000001,S01,3.1,18.5,2022-04-05,2022-04-25,2022-06-20,2022-05-21,CR,negative,"
            + "2022-04-20,CRi,,,,,,,,,,,2022-08-05,positive,negative,2022-08-05,2022-08-05,,1,,2023-12-31";

    private static CohortFile parse(String text) {
        return CohortFile.parse("test.csv", text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void a_row_is_read_with_empty_cells_as_absent() {
        CohortFile file = parse(HEADER + "\r\n" + ROW + "\r\n\r\n");

        assertThat(file.rows()).hasSize(1);
        CohortRow row = file.rows().get(0);
        assertThat(row.line()).isEqualTo(2);
        assertThat(row.patientId()).isEqualTo("P000001");
        assertThat(row.ageYears()).isEqualByComparingTo("3.1");
        assertThat(row.cd22InfusionDate()).isEqualTo(LocalDate.of(2022, 6, 20));
        assertThat(row.assessments()).extracting(CohortRow.Assessment::response).containsExactly(Response.CR,
                Response.CRi);
        assertThat(row.assessments().get(1).mrd()).isEqualTo(Mrd.NOT_DONE);
        assertThat(row.relapse()).isEqualTo(new CohortRow.Relapse(LocalDate.of(2022, 8, 5), true, false));
        assertThat(row.withdrawalDate()).isNull();
        assertThat(row.maxCrsGrade()).isEqualTo(1);
        assertThat(row.maxIcansGrade()).isNull();
        assertThat(file.sha256()).hasSize(64);
    }

    @Test
    void a_cell_that_cannot_be_read_is_named_by_line_and_column() {
        assertThatThrownBy(() -> parse(HEADER + "\n" + ROW.replace("2022-04-25", "25/04/2022")))
                .hasMessageContaining("line 2, column cd19_infusion_date ('25/04/2022')");
        assertThatThrownBy(() -> parse(HEADER + "\n" + ROW.replace(",CR,negative,", ",VGPR,negative,")))
                .hasMessageContaining("assess1_response");
        assertThatThrownBy(() -> parse(HEADER + "\n" + ROW.replace(",1,,2023", ",7,,2023")))
                .hasMessageContaining("max_crs_grade");
        assertThatThrownBy(() -> parse(HEADER.replace(",max_icans_grade", "") + "\n" + ROW))
                .hasMessageContaining("lacks the column(s) max_icans_grade");
        assertThatThrownBy(() -> parse(HEADER + "\n" + ROW + "\n" + ROW)).hasMessageContaining("appears twice");
    }

    @Test
    void quoted_cells_are_read_as_csv_says() {
        assertThat(CohortFile.split("a,\"b, c\",\"say \"\"hi\"\"\",", 1)).containsExactly("a", "b, c", "say \"hi\"", "");
    }
}
