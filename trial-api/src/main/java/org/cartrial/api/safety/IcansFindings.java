package org.cartrial.api.safety;

/**
 * The findings an ICANS grade was computed from (ASTCT 2019): the age in completed years (it decides the
 * encephalopathy screen: ICE above 12, CAPD up to 12), the ICE score (0-10) or the CAPD score (0-32), or that the
 * child could not perform the screen; depressed consciousness (NONE, AWAKENS_SPONTANEOUSLY, AWAKENS_TO_VOICE,
 * AWAKENS_ONLY_TO_TACTILE_STIMULUS, STUPOR_OR_COMA), seizure (NONE, CLINICAL_RESOLVING_RAPIDLY, EEG_ONLY,
 * PROLONGED_OR_REPETITIVE), motor findings (NONE, DEEP_FOCAL_WEAKNESS), raised intracranial pressure or cerebral
 * oedema, the most severe finding (NONE, FOCAL_OEDEMA, DIFFUSE_OEDEMA, DECEREBRATE_OR_DECORTICATE_POSTURING,
 * CRANIAL_NERVE_VI_PALSY, PAPILLOEDEMA, CUSHINGS_TRIAD), and death from ICANS.
 */
public record IcansFindings(
        int ageYears,
        Integer iceScore,
        Integer capdScore,
        boolean unableToPerformScreen,
        String consciousness,
        String seizure,
        String motorFinding,
        String intracranialPressure,
        boolean diedOfIcans) {
}
