package org.cartrial.e2e;

/** A screening as a site posts it: the JSON body of POST /api/enrollment/screenings. */
record Screening(String subjectId, String siteId, double cd19ExpressionPercent) {

    static Screening eligible(String subjectId, String siteId) {
        return new Screening(subjectId, siteId, 98.2);
    }

    /** CD19 expression below the protocol's threshold: recorded as screened, not eligible. */
    static Screening failingCd19(String subjectId, String siteId) {
        return new Screening(subjectId, siteId, 95.0);
    }

    /** The full work-up the enrollment API asks for; everything but CD19 meets the protocol. */
    String json() {
        return """
                {"subjectId":"%s","siteId":"%s","screeningDate":"2026-11-20","ageYears":8.5,"weightKg":26.4,
                 "sex":"female","performance":{"scale":"LANSKY","score":80},
                 "diagnosis":{"whoBAllByMorphology":true,"flowImmunophenotypeDone":true,"karyotypeDone":true,
                              "fusionGeneScreenDone":true},
                 "diseaseStatus":"RELAPSED_REFRACTORY",
                 "cd19ExpressionPercent":%s,"cd22ExpressionPercent":97.0,
                 "consent":{"guardianConsentOn":"2026-11-18","consentFormVersion":"ICF-2.1"}}"""
                .formatted(subjectId, siteId, cd19ExpressionPercent);
    }
}
