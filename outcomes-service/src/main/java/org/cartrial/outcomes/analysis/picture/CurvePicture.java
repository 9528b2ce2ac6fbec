package org.cartrial.outcomes.analysis.picture;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A Kaplan-Meier or cumulative-incidence curve as an SVG picture, the way analysts expect to see it: the step
 * curve, its 95% confidence band, censor marks, the time axis in months and the number at risk under the axis.
 * Plain Java writing SVG text, so it runs anywhere and is easy to check in a test.
 */
public final class CurvePicture {

    /** One step curve: at each time the value after the step, its limits (null where undefined) and who is at risk. */
    public record Curve(List<Double> time, List<Double> value, List<Double> lower, List<Double> upper,
            List<Integer> nRisk, List<Integer> nCensor, boolean rising) {
    }

    private static final double DAYS_PER_MONTH = 30.4375;
    private static final int WIDTH = 760;
    private static final int HEIGHT = 500;
    private static final int LEFT = 80;
    private static final int RIGHT = 730;
    private static final int TOP = 50;
    private static final int BOTTOM = 350;

    private CurvePicture() {
    }

    public static String render(String title, String valueLabel, String caption, Curve curve) {
        double lastDay = curve.time().isEmpty() ? 0 : curve.time().get(curve.time().size() - 1);
        int lastMonth = Math.max(6, (int) Math.ceil(lastDay / DAYS_PER_MONTH / 6.0) * 6);
        double maxDay = lastMonth * DAYS_PER_MONTH;
        Scale scale = new Scale(maxDay);
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT));
        svg.append(String.format(Locale.ROOT, "<title>%s</title>%n", escape(title)));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"28\" font-size=\"16\" font-weight=\"bold\">%s</text>%n",
                LEFT, escape(title)));
        axes(svg, scale, lastMonth, valueLabel);
        band(svg, scale, curve);
        steps(svg, scale, curve);
        censorMarks(svg, scale, curve);
        atRisk(svg, scale, curve, lastMonth);
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\" fill=\"#555\">%s</text>%n",
                LEFT, HEIGHT - 12, escape(caption)));
        return svg.append("</svg>\n").toString();
    }

    private record Scale(double maxDay) {
        double x(double day) {
            return LEFT + (RIGHT - LEFT) * day / maxDay;
        }

        double y(double value) {
            return BOTTOM - (BOTTOM - TOP) * value;
        }
    }

    private static void axes(StringBuilder svg, Scale scale, int lastMonth, String valueLabel) {
        svg.append(String.format(Locale.ROOT, "<g stroke=\"#333\"><line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>"
                + "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/></g>%n", LEFT, BOTTOM, RIGHT, BOTTOM, LEFT, TOP, LEFT, BOTTOM));
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
                    x, BOTTOM, x, BOTTOM + 5, x, BOTTOM + 20, month));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">Months since CD19 CAR-T "
                + "infusion (or since first remission)</text>%n", (LEFT + RIGHT) / 2, BOTTOM + 38));
        svg.append(String.format(Locale.ROOT, "<text transform=\"translate(22,%d) rotate(-90)\" text-anchor=\"middle\">"
                + "%s</text>%n", (TOP + BOTTOM) / 2, escape(valueLabel)));
    }

    /** The value just before the curve's first step: 1 for survival, 0 for an incidence. */
    private static double start(Curve curve) {
        return curve.rising() ? 0 : 1;
    }

    private static void steps(StringBuilder svg, Scale scale, Curve curve) {
        StringBuilder path = new StringBuilder(String.format(Locale.ROOT, "M%.1f,%.1f", scale.x(0), scale.y(start(curve))));
        for (int i = 0; i < curve.time().size(); i++) {
            path.append(String.format(Locale.ROOT, " H%.1f V%.1f", scale.x(curve.time().get(i)),
                    scale.y(curve.value().get(i))));
        }
        svg.append(String.format(Locale.ROOT, "<path d=\"%s\" fill=\"none\" stroke=\"#1f5fa8\" stroke-width=\"2\"/>%n", path));
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
        svg.append(String.format(Locale.ROOT, "<polygon points=\"%s %s\" fill=\"#1f5fa8\" fill-opacity=\"0.15\" "
                + "stroke=\"none\"/>%n", String.join(" ", forward), String.join(" ", back)));
    }

    private static void censorMarks(StringBuilder svg, Scale scale, Curve curve) {
        for (int i = 0; i < curve.time().size(); i++) {
            if (curve.nCensor() != null && curve.nCensor().get(i) > 0) {
                double x = scale.x(curve.time().get(i));
                double y = scale.y(curve.value().get(i));
                svg.append(String.format(Locale.ROOT, "<line class=\"censor\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
                        + "y2=\"%.1f\" stroke=\"#1f5fa8\"/>%n", x, y - 5, x, y + 5));
            }
        }
    }

    /** Number at risk every 6 months: those whose time is at or after the tick. */
    private static void atRisk(StringBuilder svg, Scale scale, Curve curve, int lastMonth) {
        int y = BOTTOM + 70;
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

    private static double orElse(Double value, double fallback) {
        return value == null ? fallback : value;
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
