package org.cartrial.outcomes.analysis.picture;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.cartrial.outcomes.analysis.domain.DataCutoff;
import org.cartrial.outcomes.analysis.domain.ResponseAssessment;
import org.cartrial.outcomes.analysis.domain.SubjectCourse;

/**
 * A swimmer plot as SVG: one lane per CD19-infused subject, from day 0 to death or to the last day known (capped at
 * the data cut-off), longest first, with the subject's course marked on it: the first CR/CRi, the CD22 infusion, a
 * relapse, death, withdrawal; an arrow where the subject was alive at the last contact. Only what the cut-off admits
 * is drawn. Lanes are labelled with the pseudonymous subject ids when there are few enough to read.
 */
public final class SwimmerPicture {

    /** More lanes than this are not drawn (the caption says how many were left out). */
    public static final int MAX_LANES = 400;
    private static final double DAYS_PER_MONTH = 30.4375;
    private static final int WIDTH = 900;
    private static final int LEFT = 110;
    private static final int RIGHT = 860;
    private static final int TOP = 60;
    private static final int LANE = 8;
    private static final int LABELLED_LANES = 60;
    private static final int MARGIN = 12;

    /** One subject's lane, in days from the CD19 infusion; null where the event is absent or after the cut-off. */
    record Lane(String subjectId, long end, boolean died, boolean withdrawn, Long firstRemission, Long cd22,
            Long relapse) {
    }

    private SwimmerPicture() {
    }

    public static String render(String title, String caption, List<SubjectCourse> courses, DataCutoff cutoff) {
        List<Lane> lanes = courses.stream()
                .filter(c -> cutoff.admits(c.cd19InfusionDate()))
                .map(c -> lane(c, cutoff))
                .sorted(Comparator.comparingLong(Lane::end).reversed().thenComparing(Lane::subjectId))
                .toList();
        List<Lane> drawn = lanes.size() > MAX_LANES ? lanes.subList(0, MAX_LANES) : lanes;
        long longest = drawn.stream().mapToLong(Lane::end).max().orElse(0);
        int lastMonth = Math.max(3, (int) Math.ceil(longest / DAYS_PER_MONTH / 3.0) * 3);
        double maxDay = lastMonth * DAYS_PER_MONTH;
        int bottom = TOP + Math.max(1, drawn.size()) * LANE;
        String omitted = lanes.size() > drawn.size()
                ? "; the " + (lanes.size() - drawn.size()) + " shortest lanes are not drawn" : "";
        List<String> captionLines = Lettering.lines(caption + omitted, 11, false, WIDTH - 2 * MARGIN);
        int height = bottom + 80 + 14 * captionLines.size();
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">%n", WIDTH, height, WIDTH, height));
        svg.append(String.format(Locale.ROOT, "<title>%s</title>%n", CurvePicture.escape(title)));
        svg.append(String.format(Locale.ROOT,
                "<text x=\"%d\" y=\"28\" font-size=\"16\" font-weight=\"bold\">%s (n = %d)</text>%n", LEFT,
                CurvePicture.escape(title), lanes.size()));
        for (int month = 0; month <= lastMonth; month += 3) {
            double x = x(month * DAYS_PER_MONTH, maxDay);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>"
                    + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d</text>%n", x, TOP - 4, x, bottom, x,
                    bottom + 14, month));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">Months since CD19 "
                + "CAR-T infusion</text>%n", (LEFT + RIGHT) / 2, bottom + 30));
        for (int i = 0; i < drawn.size(); i++) {
            lane(svg, drawn.get(i), TOP + i * LANE + LANE / 2.0, maxDay, drawn.size() <= LABELLED_LANES);
        }
        legend(svg, bottom + 50);
        for (int i = 0; i < captionLines.size(); i++) {
            svg.append(String.format(Locale.ROOT, "<text class=\"caption\" x=\"%d\" y=\"%d\" fill=\"#555\">%s</text>%n",
                    MARGIN, bottom + 80 + i * 14, CurvePicture.escape(captionLines.get(i))));
        }
        return svg.append("</svg>\n").toString();
    }

    static Lane lane(SubjectCourse c, DataCutoff cutoff) {
        LocalDate day0 = c.cd19InfusionDate();
        LocalDate death = cutoff.admitted(c.deathDate());
        LocalDate lastKnown = Stream.of(c.lastFollowUpDate(), c.withdrawalDate(), c.cd22InfusionDate(),
                        c.relapse() == null ? null : c.relapse().detectedOn())
                .filter(cutoff::admits).max(Comparator.naturalOrder()).orElse(day0);
        for (ResponseAssessment a : c.assessments()) {
            if (cutoff.admits(a.assessedOn()) && a.assessedOn().isAfter(lastKnown)) {
                lastKnown = a.assessedOn();
            }
        }
        LocalDate end = death != null ? death : lastKnown;
        Long firstRemission = c.assessments().stream()
                .filter(a -> a.response().isRemission() && cutoff.admits(a.assessedOn())
                        && !a.assessedOn().isBefore(day0))
                .map(a -> days(day0, a.assessedOn())).min(Long::compare).orElse(null);
        return new Lane(c.subjectId(), Math.max(0, days(day0, end)), death != null,
                cutoff.admits(c.withdrawalDate()), firstRemission, daysOrNull(day0, cutoff.admitted(c.cd22InfusionDate())),
                daysOrNull(day0, c.relapse() == null ? null : cutoff.admitted(c.relapse().detectedOn())));
    }

    private static void lane(StringBuilder svg, Lane lane, double y, double maxDay, boolean labelled) {
        if (labelled) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" font-size=\"7\">"
                    + "%s</text>", LEFT - 6, y + 2.5, CurvePicture.escape(lane.subjectId())));
        }
        double end = x(lane.end(), maxDay);
        svg.append(String.format(Locale.ROOT, "<rect class=\"lane\" x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" "
                + "fill=\"%s\"/>", LEFT, y - LANE * 0.35, Math.max(1, end - LEFT), (int) (LANE * 0.7),
                lane.withdrawn() ? "#c9c9c9" : "#9ecae1"));
        if (lane.firstRemission() != null) {
            double x = x(lane.firstRemission(), maxDay);
            svg.append(String.format(Locale.ROOT, "<path class=\"remission\" d=\"M%.1f %.1f l3 5 h-6 z\" "
                    + "fill=\"#2ca25f\"/>", x, y - 2.5));
        }
        if (lane.cd22() != null) {
            double x = x(lane.cd22(), maxDay);
            svg.append(String.format(Locale.ROOT, "<path class=\"cd22\" d=\"M%.1f %.1f l3 3 l-3 3 l-3 -3 z\" "
                    + "fill=\"#756bb1\"/>", x, y - 3));
        }
        if (lane.relapse() != null) {
            double x = x(lane.relapse(), maxDay);
            svg.append(String.format(Locale.ROOT, "<path class=\"relapse\" d=\"M%.1f %.1f l6 6 m0 -6 l-6 6\" "
                    + "stroke=\"#de2d26\" stroke-width=\"1.5\"/>", x - 3, y - 3));
        }
        if (lane.died()) {
            svg.append(String.format(Locale.ROOT, "<rect class=\"death\" x=\"%.1f\" y=\"%.1f\" width=\"5\" "
                    + "height=\"5\" fill=\"#000\"/>", end - 2.5, y - 2.5));
        } else if (!lane.withdrawn()) {
            svg.append(String.format(Locale.ROOT, "<path class=\"alive\" d=\"M%.1f %.1f l5 2.5 l-5 2.5 z\" "
                    + "fill=\"#3182bd\"/>", end + 1, y - 2.5));
        }
        svg.append('\n');
    }

    private static void legend(StringBuilder svg, int y) {
        List<String[]> items = new ArrayList<>();
        items.add(new String[] {"<path d=\"M%d %d l3 5 h-6 z\" fill=\"#2ca25f\"/>", "first CR/CRi"});
        items.add(new String[] {"<path d=\"M%d %d l3 3 l-3 3 l-3 -3 z\" fill=\"#756bb1\"/>", "CD22 CAR-T"});
        items.add(new String[] {"<path d=\"M%d %d l6 6 m0 -6 l-6 6\" stroke=\"#de2d26\" stroke-width=\"1.5\"/>",
                "relapse"});
        items.add(new String[] {"<rect x=\"%d\" y=\"%d\" width=\"5\" height=\"5\" fill=\"#000\"/>", "death"});
        items.add(new String[] {"<path d=\"M%d %d l5 2.5 l-5 2.5 z\" fill=\"#3182bd\"/>", "alive at last contact"});
        items.add(new String[] {"<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"5\" fill=\"#c9c9c9\"/>", "withdrawn"});
        int x = LEFT;
        for (String[] item : items) {
            svg.append(String.format(Locale.ROOT, item[0], x, y - 4));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", x + 12, y + 2, item[1]));
            x += 24 + (int) Math.ceil(Lettering.width(item[1], 11, false));
        }
    }

    private static double x(double day, double maxDay) {
        return LEFT + (RIGHT - LEFT) * day / maxDay;
    }

    private static long days(LocalDate from, LocalDate to) {
        return ChronoUnit.DAYS.between(from, to);
    }

    private static Long daysOrNull(LocalDate from, LocalDate to) {
        return to == null ? null : days(from, to);
    }
}
