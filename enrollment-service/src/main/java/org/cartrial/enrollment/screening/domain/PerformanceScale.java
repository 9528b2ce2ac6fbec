package org.cartrial.enrollment.screening.domain;

/** Performance-status scales: Lansky for children under 16, Karnofsky or ECOG from 16 on. */
public enum PerformanceScale {
    LANSKY,
    KARNOFSKY,
    ECOG;

    /** Whether {@code score} exists on this scale (Lansky/Karnofsky 0-100 in steps of 10, ECOG 0-5). */
    public boolean admits(int score) {
        return this == ECOG ? score >= 0 && score <= 5 : score >= 0 && score <= 100 && score % 10 == 0;
    }
}
