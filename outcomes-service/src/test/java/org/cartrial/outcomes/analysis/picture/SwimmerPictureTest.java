package org.cartrial.outcomes.analysis.picture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.cartrial.api.outcomes.ResponseCategory;
import org.cartrial.outcomes.analysis.domain.DataCutoff;
import org.cartrial.outcomes.analysis.domain.MrdStatus;
import org.cartrial.outcomes.analysis.domain.OutcomeAnalysis;
import org.cartrial.outcomes.analysis.domain.ReferenceCohort;
import org.cartrial.outcomes.analysis.domain.Relapse;
import org.cartrial.outcomes.analysis.domain.ResponseAssessment;
import org.cartrial.outcomes.analysis.domain.SubjectCourse;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class SwimmerPictureTest {

    private static int count(String svg, String cssClass) {
        return svg.split("class=\"" + cssClass + "\"", -1).length - 1;
    }

    @Test
    void the_reference_cohort_has_one_lane_per_infused_subject_and_a_mark_per_death_and_relapse() throws Exception {
        ReferenceCohort cohort = ReferenceCohort.read("/analysis/cohort-dev.csv");
        OutcomeAnalysis analysis = OutcomeAnalysis.of(cohort.subjects(), cohort.dataCutoff());
        DataCutoff cutoff = DataCutoff.of(cohort.dataCutoff());

        String svg = SwimmerPicture.render("Courses", "cut-off " + cutoff.date(), cohort.subjects(), cutoff);

        Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertThat(document.getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(count(svg, "lane")).isEqualTo(analysis.os().n());
        assertThat(count(svg, "death")).isEqualTo(analysis.os().events());
        long relapses = cohort.subjects().stream().filter(s -> cutoff.admits(s.cd19InfusionDate()))
                .filter(s -> s.relapse() != null && cutoff.admits(s.relapse().detectedOn())).count();
        assertThat(count(svg, "relapse")).isEqualTo((int) relapses);
    }

    @Test
    void a_lane_runs_from_day_0_to_death_or_the_last_day_known_and_ignores_what_the_cut_off_does_not_admit() {
        LocalDate day0 = LocalDate.of(2023, 1, 10);
        SubjectCourse course = new SubjectCourse("S01-0001", "S01", day0, day0.plusDays(40),
                List.of(new ResponseAssessment(day0.plusDays(28), ResponseCategory.CR, MrdStatus.NEGATIVE)),
                new Relapse(day0.plusDays(200), null, null), day0.plusDays(250), day0.plusDays(240), null, null, null);

        SwimmerPicture.Lane before = SwimmerPicture.lane(course, DataCutoff.of(day0.plusDays(100)));
        assertThat(before.end()).isEqualTo(40); // the CD22 infusion is the last day known by then
        assertThat(before.died()).isFalse();
        assertThat(before.relapse()).isNull();
        assertThat(before.firstRemission()).isEqualTo(28);

        SwimmerPicture.Lane after = SwimmerPicture.lane(course, DataCutoff.of(day0.plusDays(400)));
        assertThat(after.end()).isEqualTo(250);
        assertThat(after.died()).isTrue();
        assertThat(after.relapse()).isEqualTo(200);
        assertThat(after.cd22()).isEqualTo(40);
    }
}
