package org.cartrial.outcomes.analysis.picture;

import java.util.ArrayList;
import java.util.List;

/**
 * How wide a line of text is in the pictures, estimated without a font: the pictures are written as SVG text on a
 * server that has no say over the viewer's fonts. The estimate takes DejaVu Sans, one of the widest common
 * sans-serif faces (a viewer with Arial or Helvetica gets narrower text), so a line that fits here fits there.
 * Long titles and captions are broken at spaces to fit the picture instead of running off its right edge.
 */
final class Lettering {

    private Lettering() {
    }

    /** The width of the text in pixels at this font size (em units per character, rounded up). */
    static double width(String text, double fontSize, boolean bold) {
        double em = 0;
        for (int i = 0; i < text.length(); i++) {
            em += em(text.charAt(i));
        }
        return em * fontSize * (bold ? 1.12 : 1.0);
    }

    private static double em(char c) {
        if (c == ' ' || "il.,;:'|!()[]jtf".indexOf(c) >= 0) {
            return 0.40;
        }
        if ("mwMW%@".indexOf(c) >= 0) {
            return 1.0;
        }
        if (Character.isUpperCase(c)) {
            return 0.78;
        }
        return 0.66; // lower case, digits, -, =, ...
    }

    /** The text in as few lines as fit the width, broken at spaces (a single word wider than that keeps its line). */
    static List<String> lines(String text, double fontSize, boolean bold, double maxWidth) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            String longer = line.isEmpty() ? word : line + " " + word;
            if (!line.isEmpty() && width(longer, fontSize, bold) > maxWidth) {
                lines.add(line.toString());
                line = new StringBuilder(word);
            } else {
                line = new StringBuilder(longer);
            }
        }
        if (!line.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }
}
