package org.cartrial.safety.grading.domain;

/**
 * How oxygen is given (ASTCT 2019 hypoxia): blow-by is low-flow; a nasal cannula is low- or high-flow by its flow
 * (<= 6 L/min low); face mask, non-rebreather and Venturi mask are high-flow; CPAP, BiPAP and intubation with
 * mechanical ventilation are positive pressure.
 */
public enum OxygenDevice {
    NONE,
    BLOW_BY,
    NASAL_CANNULA,
    FACE_MASK,
    NON_REBREATHER_MASK,
    VENTURI_MASK,
    CPAP,
    BIPAP,
    MECHANICAL_VENTILATION
}
