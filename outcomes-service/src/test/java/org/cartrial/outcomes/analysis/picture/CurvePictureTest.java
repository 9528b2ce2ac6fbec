package org.cartrial.outcomes.analysis.picture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import javax.xml.parsers.DocumentBuilderFactory;

import org.cartrial.outcomes.analysis.domain.OutcomeAnalysis;
import org.cartrial.outcomes.analysis.domain.ReferenceCohort;
import org.cartrial.outcomes.analysis.domain.SurvivalEndpoint;
import org.cartrial.outcomes.analysis.domain.SurvivalTable;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class CurvePictureTest {

    @Test
    void the_reference_cohort_os_curve_is_well_formed_svg_with_band_censor_marks_and_numbers_at_risk() throws Exception {
        ReferenceCohort cohort = ReferenceCohort.read("/analysis/cohort-dev.csv");
        SurvivalEndpoint os = OutcomeAnalysis.of(cohort.subjects(), cohort.dataCutoff()).os();
        SurvivalTable t = os.confLog().table();

        String svg = CurvePicture.render(
                new CurvePicture.Labels("Overall survival", "CD19 CAR-T infusion", "Probability", "cut-off 2023-12-31"),
                new CurvePicture.Curve(t.time(), t.surv(), t.lower(), t.upper(), t.nRisk(), t.nCensor(), false));

        Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertThat(document.getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(document.getElementsByTagName("polygon").getLength()).isEqualTo(1);
        long censored = t.nCensor().stream().filter(n -> n > 0).count();
        assertThat(svg.split("class=\"censor\"", -1).length - 1).isEqualTo((int) censored);
        // the first number at risk is everyone infused
        assertThat(svg).contains("class=\"at-risk\" x=\"80.0\" y=\"420\" text-anchor=\"middle\">" + os.n() + "</text>");
        assertThat(svg).contains(">Months since CD19 CAR-T infusion</text>").doesNotContain("remission");
    }
}
