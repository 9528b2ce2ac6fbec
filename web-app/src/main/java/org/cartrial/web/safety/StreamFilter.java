package org.cartrial.web.safety;

/**
 * The live stream's filters as the page offers them; what is not a grade 1-5 or a site code is dropped rather
 * than sent on, so the stream always opens.
 */
public record StreamFilter(Integer minGrade, boolean seriousOnly, String site) {

    static StreamFilter of(String minGrade, String seriousOnly, String site) {
        Integer grade = minGrade != null && minGrade.matches("[1-5]") ? Integer.valueOf(minGrade) : null;
        String code = site != null && site.matches("[A-Z0-9]{2,10}") ? site : null;
        return new StreamFilter(grade, "true".equals(seriousOnly) || "on".equals(seriousOnly), code);
    }

    /** The query of the safety service's stream, starting with '?', or empty. */
    public String query() {
        StringBuilder q = new StringBuilder();
        if (minGrade != null) {
            q.append("&minGrade=").append(minGrade);
        }
        if (seriousOnly) {
            q.append("&seriousOnly=true");
        }
        if (site != null) {
            q.append("&site=").append(site);
        }
        return q.isEmpty() ? "" : "?" + q.substring(1);
    }
}
