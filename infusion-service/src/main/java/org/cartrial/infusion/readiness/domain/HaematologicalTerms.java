package org.cartrial.infusion.readiness.domain;

import java.util.Locale;
import java.util.Set;

/**
 * The CTCAE v5.0 terms the CD22 gate treats as haematological: the cytopenias expected after lymphodepletion and
 * CD19 CAR-T, which do not close the gate whatever their grade. Every other term, including the remaining terms of
 * "Blood and lymphatic system disorders" (disseminated intravascular coagulation, haemolysis, haemolytic uraemic
 * syndrome, thrombotic thrombocytopenic purpura, leukocytosis, methemoglobinemia, eosinophilia, lymph node pain,
 * "- Other, specify"), counts as non-haematological and closes the gate when open above grade 2.
 * <p>
 * From the System Organ Class "Blood and lymphatic system disorders": Anemia, Febrile neutropenia, Bone marrow
 * hypocellular. From "Investigations" (the cytopenias): Neutrophil count decreased, Platelet count decreased,
 * White blood cell decreased, Lymphocyte count decreased.
 * <p>
 * Terms are matched as CTCAE spells them, ignoring case and surrounding or repeated white space.
 */
public final class HaematologicalTerms {

    public static final Set<String> TERMS = Set.of(
            "anemia",
            "febrile neutropenia",
            "bone marrow hypocellular",
            "neutrophil count decreased",
            "platelet count decreased",
            "white blood cell decreased",
            "lymphocyte count decreased");

    private HaematologicalTerms() {
    }

    public static boolean isHaematological(String ctcaeTerm) {
        return ctcaeTerm != null
                && TERMS.contains(ctcaeTerm.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT));
    }
}
