package org.cartrial.outcomes.analysis.picture;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A Kaplan-Meier or cumulative-incidence curve as an SVG picture, the way analysts expect to see it: the step
 * curve, its 95% confidence band, censor marks, the time axis in months from the endpoint's own clock start and the
 * number at risk under the axis; for a cumulative incidence, the competing event's curve too, with a legend. Plain
 * Java writing SVG text, so it runs anywhere and is easy to check in a test. Title and caption are broken into
 * lines that fit the picture ({@link Lettering}).
 */
public final class CurvePicture {

    /** One step curve: at each time the value after the step, its limits (null where undefined) and who is at risk. */
    public record Curve(List<Double> time, List<Double> value, List<Double> lower, List<Double> upper,
            List<Integer> nRisk, List<Integer> nCensor, boolean rising) {
    }

    /** A second step curve over the same times, drawn dashed without band or marks: e.g. death in remission. */
    public record Competing(String label, List<Double> value) {
    }

    /**
     * What the picture says besides the curve: the title, where the clock starts (the time axis reads "Months
     * since ..."), the value axis, and the caption under it all.
     */
    public record Labels(String title, String clockStart, String valueAxis, String caption) {
    }

    private static final double DAYS_PER_MONTH = 30.4375;
    private static final String CURVE_COLOUR = "#1f5fa8";
    private static final String COMPETING_COLOUR = "#b2182b";
    private static final int WIDTH = 760;
    private static final int MARGIN = 12;
    private static final int LEFT = 80;
    private static final int RIGHT = 730;
    private static final int PLOT_HEIGHT = 300;
    private static final int TITLE_SIZE = 16;
    private static final int TITLE_LINE = 20;
    private static final int CAPTION_SIZE = 11;
    private static final int CAPTION_LINE = 14;

    private CurvePicture() {
    }

    /** One curve with its band (survival: OS, EFS, DFS). */
    public static String render(Labels labels, Curve curve) {
        return render(labels, curve, null, null);
    }

    /**
     * A curve with its band and, over it, a competing event's curve; the legend names both ({@code curveLabel} and
     * the competing label).
     */
    public static String render(Labels labels, Curve curve, String curveLabel, Competing competing) {
        double lastDay = curve.time().isEmpty() ? 0 : curve.time().get(curve.time().size() - 1);
        int lastMonth = Math.max(6, (int) Math.ceil(lastDay / DAYS_PER_MONTH / 6.0) * 6);
        List<String> title = Lettering.lines(labels.title(), TITLE_SIZE, true, WIDTH - LEFT - MARGIN);
        List<String> caption = Lettering.lines(labels.caption(), CAPTION_SIZE, false, WIDTH - 2 * MARGIN);
        int top = 30 + TITLE_LINE * title.size();
        Scale scale = new Scale(lastMonth * DAYS_PER_MONTH, top, top + PLOT_HEIGHT);
        int legendRow = scale.bottom() + 92;
        int firstCaption = legendRow + (competing == null ? 0 : 26);
        int height = firstCaption + CAPTION_LINE * caption.size();

        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, height, WIDTH, height));
        svg.append(String.format(Locale.ROOT, "<title>%s</title>%n", escape(labels.title())));
        for (int i = 0; i < title.size(); i++) {
            svg.append(String.format(Locale.ROOT, "<text class=\"title\" x=\"%d\" y=\"%d\" font-size=\"%d\" "
                    + "font-weight=\"bold\">%s</text>%n", LEFT, 28 + i * TITLE_LINE, TITLE_SIZE, escape(title.get(i))));
        }
        axes(svg, scale, lastMonth, labels);
        band(svg, scale, curve);
        steps(svg, scale, curve.time(), curve.value(), start(curve), CURVE_COLOUR, null);
        if (competing != null) {
            steps(svg, scale, curve.time(), competing.value(), start(curve), COMPETING_COLOUR, "6 4");
        }
        censorMarks(svg, scale, curve);
        atRisk(svg, scale, curve, lastMonth);
        if (competing != null) {
            legend(svg, legendRow, curveLabel, competing.label(), curve.lower() != null);
        }
        for (int i = 0; i < caption.size(); i++) {
            svg.append(String.format(Locale.ROOT, "<text class=\"caption\" x=\"%d\" y=\"%d\" font-size=\"%d\" "
                    + "fill=\"#555\">%s</text>%n", MARGIN, firstCaption + 4 + i * CAPTION_LINE, CAPTION_SIZE,
                    escape(caption.get(i))));
        }
        return svg.append("</svg>\n").toString();
    }

    private record Scale(double maxDay, int top, int bottom) {
        double x(double day) {
            return LEFT + (RIGHT - LEFT) * day / maxDay;
        }

        double y(double value) {
            return bottom - (bottom - top) * value;
        }
    }

    private static void axes(StringBuilder svg, Scale scale, int lastMonth, Labels labels) {
        int top = scale.top();
        int bottom = scale.bottom();
        svg.append(String.format(Locale.ROOT, "<g stroke=\"#333\"><line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>"
                + "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/></g>%n", LEFT, bottom, RIGHT, bottom, LEFT, top, LEFT,
                bottom));
        for (int tick = 0; tick <= 10; tick += 2) {
            double y = scale.y(tick / 10.0);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.1f</text>%n",
                    LEFT, y, RIGHT, y, LEFT - 8, y + 4, tick / 10.0));
        }
        for (int month = 0; month <= lastMonth; month += 6) {
            double x = scale.x(month * DAYS_PER_MONTH);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#333\"/>"
                    + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d</text>%n",
                    x, bottom, x, bottom + 5, x, bottom + 20, month));
        }
        svg.append(String.format(Locale.ROOT, "<text class=\"time-axis\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">"
                + "Months since %s</text>%n", (LEFT + RIGHT) / 2, bottom + 38, escape(labels.clockStart())));
        svg.append(String.format(Locale.ROOT, "<text transform=\"translate(22,%d) rotate(-90)\" text-anchor=\"middle\">"
                + "%s</text>%n", (top + bottom) / 2, escape(labels.valueAxis())));
    }

    /** The value just before the curve's first step: 1 for survival, 0 for an incidence. */
    private static double start(Curve curve) {
        return curve.rising() ? 0 : 1;
    }

    private static void steps(StringBuilder svg, Scale scale, List<Double> time, List<Double> value, double start,
            String colour, String dashes) {
        StringBuilder path = new StringBuilder(String.format(Locale.ROOT, "M%.1f,%.1f", scale.x(0), scale.y(start)));
        for (int i = 0; i < time.size(); i++) {
            path.append(String.format(Locale.ROOT, " H%.1f V%.1f", scale.x(time.get(i)), scale.y(value.get(i))));
        }
        svg.append(String.format(Locale.ROOT, "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s/>%n",
                path, colour, dashes == null ? "" : " stroke-dasharray=\"" + dashes + "\""));
    }

    /** The 95% band as a stepped polygon: upper limits forward, lower limits back. */
    private static void band(StringBuilder svg, Scale scale, Curve curve) {
        if (curve.lower() == null || curve.upper() == null) {
            return;
        }
        List<String> forward = new ArrayList<>();
        List<String> back = new ArrayList<>();
        double previousUpper = start(curve);
        double previousLower = start(curve);
        double previousX = scale.x(0);
        for (int i = 0; i < curve.time().size(); i++) {
            double x = scale.x(curve.time().get(i));
            double upper = orElse(curve.upper().get(i), curve.value().get(i));
            double lower = orElse(curve.lower().get(i), curve.value().get(i));
            forward.add(String.format(Locale.ROOT, "%.1f,%.1f %.1f,%.1f", previousX, scale.y(previousUpper), x,
                    scale.y(previousUpper)));
            back.add(0, String.format(Locale.ROOT, "%.1f,%.1f %.1f,%.1f", x, scale.y(previousLower), previousX,
                    scale.y(previousLower)));
            previousUpper = upper;
            previousLower = lower;
            previousX = x;
        }
        forward.add(String.format(Locale.ROOT, "%.1f,%.1f", previousX, scale.y(previousUpper)));
        back.add(0, String.format(Locale.ROOT, "%.1f,%.1f", previousX, scale.y(previousLower)));
        svg.append(String.format(Locale.ROOT, "<polygon points=\"%s %s\" fill=\"%s\" fill-opacity=\"0.15\" "
                + "stroke=\"none\"/>%n", String.join(" ", forward), String.join(" ", back), CURVE_COLOUR));
    }

    private static void censorMarks(StringBuilder svg, Scale scale, Curve curve) {
        for (int i = 0; i < curve.time().size(); i++) {
            if (curve.nCensor() != null && curve.nCensor().get(i) > 0) {
                double x = scale.x(curve.time().get(i));
                double y = scale.y(curve.value().get(i));
                svg.append(String.format(Locale.ROOT, "<line class=\"censor\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
                        + "y2=\"%.1f\" stroke=\"%s\"/>%n", x, y - 5, x, y + 5, CURVE_COLOUR));
            }
        }
    }

    /** Number at risk every 6 months: those whose time is at or after the tick. */
    private static void atRisk(StringBuilder svg, Scale scale, Curve curve, int lastMonth) {
        int y = scale.bottom() + 70;
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-weight=\"bold\">Number at risk</text>%n",
                LEFT - 70, y - 18));
        for (int month = 0; month <= lastMonth; month += 6) {
            double day = month * DAYS_PER_MONTH;
            int atRisk = 0;
            for (int i = 0; i < curve.time().size(); i++) {
                if (curve.time().get(i) >= day) {
                    atRisk = curve.nRisk().get(i);
                    break;
                }
            }
            svg.append(String.format(Locale.ROOT, "<text class=\"at-risk\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">"
                    + "%d</text>%n", scale.x(day), y, atRisk));
        }
    }

    /** A solid line (with a shaded swatch when the band is drawn) for the curve, a dashed one for the competing event. */
    private static void legend(StringBuilder svg, int y, String curveLabel, String competingLabel, boolean band) {
        int x = LEFT;
        if (band) {
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"24\" height=\"10\" fill=\"%s\" "
                    + "fill-opacity=\"0.15\"/>", x, y - 9, CURVE_COLOUR));
        }
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" "
                + "stroke-width=\"2\"/><text class=\"legend\" x=\"%d\" y=\"%d\">%s</text>%n", x, y - 4, x + 24, y - 4,
                CURVE_COLOUR, x + 30, y, escape(curveLabel)));
        x += 30 + (int) Math.ceil(Lettering.width(curveLabel, 12, false)) + 24;
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" "
                + "stroke-width=\"2\" stroke-dasharray=\"6 4\"/><text class=\"legend\" x=\"%d\" y=\"%d\">%s</text>%n",
                x, y - 4, x + 24, y - 4, COMPETING_COLOUR, x + 30, y, escape(competingLabel)));
    }

    private static double orElse(Double value, double fallback) {
        return value == null ? fallback : value;
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
