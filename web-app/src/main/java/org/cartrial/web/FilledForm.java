package org.cartrial.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A form as the person last saw it: the values they typed (kept when a save is refused, so nothing is lost), the
 * refusal's messages beside the fields they are about, and the service's answer (null before the first save).
 */
public record FilledForm(Map<String, String> values, Map<String, List<String>> errors, Api.Answer answer, String done) {

    public static FilledForm blank(Map<String, String> defaults) {
        return new FilledForm(defaults, Map.of(), null, null);
    }

    /**
     * The form after a save. A problem's field is a path of the request body ({@code agents[1].doseMgPerM2}); the
     * form field it is shown beside is {@code fieldOfPath} of the whole path, else of its last part, else the last
     * part itself. What names no field of the form still appears in the outcome above the form.
     */
    public static FilledForm answered(Map<String, String> values, Api.Answer answer, Map<String, String> fieldOfPath,
            String done) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        if (!answer.ok()) {
            for (JsonNode error : answer.body().path("errors")) {
                String path = error.path("field").asText("");
                String last = path.contains(".") ? path.substring(path.lastIndexOf('.') + 1) : path;
                String field = fieldOfPath.getOrDefault(path, fieldOfPath.getOrDefault(last, last));
                errors.computeIfAbsent(field, k -> new ArrayList<>()).add(Words.problem(error));
            }
        }
        return new FilledForm(values, errors, answer, answer.ok() ? done : null);
    }

    public String value(String field) {
        return values.get(field);
    }

    public boolean invalid(String field) {
        return errors.containsKey(field);
    }

    public List<String> errorsOf(String field) {
        return errors.getOrDefault(field, List.of());
    }

    public boolean saved() {
        return answer != null && answer.ok();
    }

    public boolean refused() {
        return answer != null && !answer.ok();
    }

    /** The HTTP status the page answers with: the service's refusal, so a refused save is not a 200. */
    public int status() {
        return answer == null || answer.ok() ? 200 : answer.status();
    }
}
