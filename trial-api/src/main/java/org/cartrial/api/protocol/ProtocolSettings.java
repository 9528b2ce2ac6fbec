package org.cartrial.api.protocol;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Every protocol setting (protocol sections 1-3) of one version of the protocol, with the date it takes effect.
 * The enrollment service owns the versions ({@link ProtocolAmended}); every context decides with the version in
 * force on the clinical date of the decision and records that version in its decision event.
 * <p>
 * Fields are nullable on purpose: an amendment stored before a setting existed reads back without it, and takes the
 * setting from the version in force before it ({@link #completedBy}). A version taking part in a decision is
 * always complete ({@link ProtocolHistory} completes every version it holds). Adding a setting therefore means: a
 * nullable field here, its default in {@link #VERSION_1_0}, nothing else for old events.
 */
public record ProtocolSettings(
        String version,
        LocalDate effectiveFrom,
        BigDecimal minAgeYears,
        BigDecimal maxAgeYears,
        BigDecimal cd19ExpressionAbovePercent,
        BigDecimal cd22ExpressionAbovePercent,
        Integer mrdPositiveMoreThanMonths,
        BigDecimal lanskyBelowAgeYears,
        Integer minLansky,
        Integer minKarnofsky,
        Integer maxEcog,
        BigDecimal assentFromAgeYears,
        BigDecimal minDose10e6CellsPerKg,
        BigDecimal maxDose10e6CellsPerKg,
        BigDecimal monitoringPriorAlpha,
        BigDecimal monitoringPriorBeta,
        BigDecimal monitoringToxicityRateAbove,
        BigDecimal monitoringProbabilityAbove,
        Integer monitoringBoundaryTableSize,
        Integer saeReportHours,
        BigDecimal crMarrowBlastsBelowPercent,
        BigDecimal minAncPer10e9L,
        BigDecimal minPlateletsPer10e9L,
        BigDecimal mrdNegativeBelowPercent,
        BigDecimal partialResponseMinReduction,
        BigDecimal partialResponseMaxBlastsPercent,
        BigDecimal relapseMarrowBlastsAbovePercent) {

    /** The identity of the trial's one protocol: the key of its amendments' stream and Kafka records. */
    public static final String PROTOCOL_ID = "cartrial-protocol";

    private static final BigDecimal HUNDRED = new BigDecimal("100");

    /**
     * The protocol's defaults, the one place they are written. Karnofsky is not given a bound by the protocol; 50 is
     * the Karnofsky value that ECOG 2 (the ECOG bound) corresponds to, and mirrors the Lansky bound used under 16.
     * The safety monitoring rule (section 3): Beta(1,1) prior, signal when P(toxicity rate > 0.20) > 0.90, boundary
     * table for 1 to 50 infused subjects. A serious adverse event is reported to the sponsor within 24 hours.
     * Response (section 4): CR needs marrow blasts below 5 %, ANC at least 1.0 and platelets at least 100 (x 10^9/L;
     * below either it is CRi); MRD is negative below 0.01 % (10^-4); PR is a fall of at least half from the
     * baseline's blasts to at most 25 %; relapse after remission is marrow blasts above 5 %.
     */
    public static final ProtocolSettings VERSION_1_0 = new ProtocolSettings("1.0", LocalDate.of(2020, 1, 1),
            new BigDecimal("1"), new BigDecimal("18"), new BigDecimal("95"), new BigDecimal("95"), 3,
            new BigDecimal("16"), 50, 50, 2, new BigDecimal("12"), new BigDecimal("0.5"), new BigDecimal("5.0"),
            BigDecimal.ONE, BigDecimal.ONE, new BigDecimal("0.20"), new BigDecimal("0.90"), 50, 24,
            new BigDecimal("5"), new BigDecimal("1.0"), new BigDecimal("100"), new BigDecimal("0.01"),
            new BigDecimal("0.5"), new BigDecimal("25"), new BigDecimal("5"));

    public ProtocolSettings {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(effectiveFrom, "effectiveFrom");
    }

    /**
     * A version that names the settings of sections 1-3 only (as amendments did before the response criteria were
     * added): the response criteria of section 4 are taken from the version before it.
     */
    public ProtocolSettings(String version, LocalDate effectiveFrom, BigDecimal minAgeYears, BigDecimal maxAgeYears,
            BigDecimal cd19ExpressionAbovePercent, BigDecimal cd22ExpressionAbovePercent,
            Integer mrdPositiveMoreThanMonths, BigDecimal lanskyBelowAgeYears, Integer minLansky,
            Integer minKarnofsky, Integer maxEcog, BigDecimal assentFromAgeYears, BigDecimal minDose10e6CellsPerKg,
            BigDecimal maxDose10e6CellsPerKg, BigDecimal monitoringPriorAlpha, BigDecimal monitoringPriorBeta,
            BigDecimal monitoringToxicityRateAbove, BigDecimal monitoringProbabilityAbove,
            Integer monitoringBoundaryTableSize, Integer saeReportHours) {
        this(version, effectiveFrom, minAgeYears, maxAgeYears, cd19ExpressionAbovePercent, cd22ExpressionAbovePercent,
                mrdPositiveMoreThanMonths, lanskyBelowAgeYears, minLansky, minKarnofsky, maxEcog, assentFromAgeYears,
                minDose10e6CellsPerKg, maxDose10e6CellsPerKg, monitoringPriorAlpha, monitoringPriorBeta,
                monitoringToxicityRateAbove, monitoringProbabilityAbove, monitoringBoundaryTableSize, saeReportHours,
                null, null, null, null, null, null, null);
    }

    /**
     * A version that names the settings of sections 1-2 only (as amendments did before the safety settings were
     * added): the safety settings of section 3 are taken from the version before it.
     */
    public ProtocolSettings(String version, LocalDate effectiveFrom, BigDecimal minAgeYears, BigDecimal maxAgeYears,
            BigDecimal cd19ExpressionAbovePercent, BigDecimal cd22ExpressionAbovePercent,
            Integer mrdPositiveMoreThanMonths, BigDecimal lanskyBelowAgeYears, Integer minLansky,
            Integer minKarnofsky, Integer maxEcog, BigDecimal assentFromAgeYears, BigDecimal minDose10e6CellsPerKg,
            BigDecimal maxDose10e6CellsPerKg) {
        this(version, effectiveFrom, minAgeYears, maxAgeYears, cd19ExpressionAbovePercent, cd22ExpressionAbovePercent,
                mrdPositiveMoreThanMonths, lanskyBelowAgeYears, minLansky, minKarnofsky, maxEcog, assentFromAgeYears,
                minDose10e6CellsPerKg, maxDose10e6CellsPerKg, null, null, null, null, null, null, null, null, null, null,
                null, null, null);
    }

    /** These settings with every setting they lack taken from {@code previous} (the version in force before). */
    public ProtocolSettings completedBy(ProtocolSettings previous) {
        return new ProtocolSettings(version, effectiveFrom,
                or(minAgeYears, previous.minAgeYears), or(maxAgeYears, previous.maxAgeYears),
                or(cd19ExpressionAbovePercent, previous.cd19ExpressionAbovePercent),
                or(cd22ExpressionAbovePercent, previous.cd22ExpressionAbovePercent),
                or(mrdPositiveMoreThanMonths, previous.mrdPositiveMoreThanMonths),
                or(lanskyBelowAgeYears, previous.lanskyBelowAgeYears), or(minLansky, previous.minLansky),
                or(minKarnofsky, previous.minKarnofsky), or(maxEcog, previous.maxEcog),
                or(assentFromAgeYears, previous.assentFromAgeYears),
                or(minDose10e6CellsPerKg, previous.minDose10e6CellsPerKg),
                or(maxDose10e6CellsPerKg, previous.maxDose10e6CellsPerKg),
                or(monitoringPriorAlpha, previous.monitoringPriorAlpha),
                or(monitoringPriorBeta, previous.monitoringPriorBeta),
                or(monitoringToxicityRateAbove, previous.monitoringToxicityRateAbove),
                or(monitoringProbabilityAbove, previous.monitoringProbabilityAbove),
                or(monitoringBoundaryTableSize, previous.monitoringBoundaryTableSize),
                or(saeReportHours, previous.saeReportHours),
                or(crMarrowBlastsBelowPercent, previous.crMarrowBlastsBelowPercent),
                or(minAncPer10e9L, previous.minAncPer10e9L),
                or(minPlateletsPer10e9L, previous.minPlateletsPer10e9L),
                or(mrdNegativeBelowPercent, previous.mrdNegativeBelowPercent),
                or(partialResponseMinReduction, previous.partialResponseMinReduction),
                or(partialResponseMaxBlastsPercent, previous.partialResponseMaxBlastsPercent),
                or(relapseMarrowBlastsAbovePercent, previous.relapseMarrowBlastsAbovePercent));
    }

    /** The names of the settings these settings lack (empty for a complete version). */
    public List<String> missingSettings() {
        List<String> missing = new ArrayList<>();
        for (var component : ProtocolSettings.class.getRecordComponents()) {
            try {
                if (component.getAccessor().invoke(this) == null) {
                    missing.add(component.getName());
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return missing;
    }

    /** The lower bound of a range lies above its upper bound (ages, dose). */
    public boolean hasInvertedRange() {
        return inverted(minAgeYears, maxAgeYears) || inverted(minDose10e6CellsPerKg, maxDose10e6CellsPerKg);
    }

    /**
     * The safety rules cannot be applied with these settings: the monitoring rule's Beta prior needs positive
     * parameters, both its thresholds lie strictly between 0 and 1, its boundary table covers at least one subject;
     * the SAE reporting window is at least an hour.
     */
    public boolean hasInvalidSafetyRules() {
        return !positive(monitoringPriorAlpha) || !positive(monitoringPriorBeta)
                || !probability(monitoringToxicityRateAbove) || !probability(monitoringProbabilityAbove)
                || monitoringBoundaryTableSize == null || monitoringBoundaryTableSize < 1
                || saeReportHours == null || saeReportHours < 1;
    }

    /**
     * The names of the response criteria (section 4) that cannot be applied, in the order of the fields: blast
     * thresholds are percentages above 0 and at most 100 (MRD strictly below 100, relapse blasts below 100), the
     * counts positive, the partial response's reduction a fraction above 0 and at most 1. A missing criterion is
     * not invalid: it is taken from the version before.
     */
    public List<String> invalidResponseCriteria() {
        List<String> invalid = new ArrayList<>();
        check(invalid, "crMarrowBlastsBelowPercent", crMarrowBlastsBelowPercent, HUNDRED, true);
        check(invalid, "minAncPer10e9L", minAncPer10e9L, null, true);
        check(invalid, "minPlateletsPer10e9L", minPlateletsPer10e9L, null, true);
        check(invalid, "mrdNegativeBelowPercent", mrdNegativeBelowPercent, HUNDRED, false);
        check(invalid, "partialResponseMinReduction", partialResponseMinReduction, BigDecimal.ONE, true);
        check(invalid, "partialResponseMaxBlastsPercent", partialResponseMaxBlastsPercent, HUNDRED, true);
        check(invalid, "relapseMarrowBlastsAbovePercent", relapseMarrowBlastsAbovePercent, HUNDRED, false);
        return invalid;
    }

    private static void check(List<String> invalid, String name, BigDecimal value, BigDecimal upper,
            boolean upperInclusive) {
        if (value == null) {
            return;
        }
        boolean belowUpper = upper == null || (upperInclusive ? value.compareTo(upper) <= 0 : value.compareTo(upper) < 0);
        if (value.signum() <= 0 || !belowUpper) {
            invalid.add(name);
        }
    }

    private static boolean positive(BigDecimal value) {
        return value != null && value.signum() > 0;
    }

    private static boolean probability(BigDecimal value) {
        return positive(value) && value.compareTo(BigDecimal.ONE) < 0;
    }

    /** The dose lies within the protocol's range, both bounds inclusive (protocol section 2). */
    public boolean doseInRange(BigDecimal dose10e6CellsPerKg) {
        return dose10e6CellsPerKg.compareTo(minDose10e6CellsPerKg) >= 0
                && dose10e6CellsPerKg.compareTo(maxDose10e6CellsPerKg) <= 0;
    }

    private static boolean inverted(BigDecimal lower, BigDecimal upper) {
        return lower != null && upper != null && lower.compareTo(upper) > 0;
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
