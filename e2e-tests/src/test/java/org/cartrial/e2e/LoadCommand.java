package org.cartrial.e2e;

/**
 * One command of the fault suite's load, as a site sends it through the gateway, with the answer it must get in
 * the end: accepted (2xx) or refused (4xx). Every command carries its own Idempotency-Key, so a retry after a lost
 * answer, a 5xx or a dropped connection gets the first answer instead of recording twice.
 */
record LoadCommand(Kind kind, String subjectId, String siteId, String path, String body, String idempotencyKey,
        boolean mustBeAccepted) {

    enum Kind { SCREENING, ENROLMENT, ADVERSE_EVENT, MALFORMED }

    static LoadCommand screening(String subjectId, String siteId, boolean eligible, String key) {
        Screening screening = eligible ? Screening.eligible(subjectId, siteId) : Screening.failingCd19(subjectId, siteId);
        return new LoadCommand(Kind.SCREENING, subjectId, siteId, "/api/enrollment/screenings", screening.json(), key,
                true);
    }

    /** Accepted for an eligible subject; refused (422) for a screen failure, leaving no event. */
    static LoadCommand enrolment(String subjectId, String siteId, boolean eligible, String key) {
        return new LoadCommand(Kind.ENROLMENT, subjectId, siteId, "/api/enrollment/subjects/" + subjectId + "/enrolment",
                "{\"enrolledOn\":\"2026-11-21\"}", key, eligible);
    }

    static LoadCommand adverseEvent(String subjectId, String siteId, int grade, String key) {
        return new LoadCommand(Kind.ADVERSE_EVENT, subjectId, siteId, "/api/safety/adverse-events", """
                {"subjectId":"%s","siteId":"%s","ctcaeTerm":"Febrile neutropenia","onsetDate":"2026-11-25",
                 "grade":%d,"serious":false,"relationshipToCarT":"possible","expected":true}"""
                .formatted(subjectId, siteId, grade), key, true);
    }

    /** A screening with a field missing, a wrong type or a broken body: refused with 400, no event. */
    static LoadCommand malformed(String subjectId, String siteId, int variant, String key) {
        String body = switch (variant % 3) {
            case 0 -> "{\"subjectId\":\"%s\",\"siteId\":\"%s\",\"screeningDate\":\"2026-11-20\"}"
                    .formatted(subjectId, siteId);
            case 1 -> Screening.eligible(subjectId, siteId).json().replace("\"ageYears\":8.5", "\"ageYears\":\"old\"");
            default -> Screening.eligible(subjectId, siteId).json().substring(0, 60);
        };
        return new LoadCommand(Kind.MALFORMED, subjectId, siteId, "/api/enrollment/screenings", body, key, false);
    }
}
