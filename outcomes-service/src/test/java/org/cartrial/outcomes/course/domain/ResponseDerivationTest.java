package org.cartrial.outcomes.course.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.cartrial.api.outcomes.ResponseCategory;
import org.cartrial.api.protocol.ProtocolSettings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResponseDerivationTest {

    private static final ResponseCriteria V1 = ResponseCriteria.of(ProtocolSettings.VERSION_1_0);

    private static MarrowAndBloodFindings findings(String blasts, boolean circulating, boolean extramedullary,
            CnsStatus cns, String anc, String platelets, String mrd, String limit) {
        return new MarrowAndBloodFindings(new BigDecimal(blasts), circulating, extramedullary, cns, new BigDecimal(anc),
                new BigDecimal(platelets), mrd == null ? null : new BigDecimal(mrd),
                limit == null ? null : new BigDecimal(limit));
    }

    @ParameterizedTest(name = "blasts {0}%, circ {1}, EMD {2}, {3}, ANC {4}, PLT {5}, baseline {6} -> {7}")
    @CsvSource({
            "4.99,false,false,CNS1,1.0,100,,CR",
            "5.0,false,false,CNS1,1.0,100,,NR",
            "0,false,false,CNS1,0.99,100,,CRI",
            "0,false,false,CNS1,1.0,99,,CRI",
            "0,true,false,CNS1,1.0,100,,NR",
            "0,false,true,CNS1,1.0,100,,NR",
            "0,false,false,CNS2,1.0,100,,NR",
            "25,false,false,CNS1,1.0,100,50,PR",
            "25.01,false,false,CNS1,1.0,100,60,NR",
            "20,false,false,CNS1,1.0,100,39.9,NR",
            "20,false,false,CNS1,1.0,100,40,PR",
            "20,false,false,CNS1,1.0,100,,NR"})
    void categories_follow_protocol_section_4(String blasts, boolean circulating, boolean extramedullary, CnsStatus cns,
            String anc, String platelets, String baseline, ResponseCategory expected) {
        assertThat(ResponseDerivation.derive(findings(blasts, circulating, extramedullary, cns, anc, platelets, null, null),
                baseline == null ? null : new BigDecimal(baseline), V1)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "MRD {0}% (limit {1}%) -> negative {2}")
    @CsvSource({"0.0099,0.001,true", "0.01,0.001,false", "0,0.01,true", "0,0.1,", "0.5,0.1,false", ",,"})
    void mrd_is_negative_below_one_in_ten_thousand_when_the_assay_reaches_it(String mrd, String limit, Boolean negative) {
        assertThat(ResponseDerivation.mrdNegative(findings("0", false, false, CnsStatus.CNS1, "1", "100", mrd, limit), V1))
                .isEqualTo(negative);
    }
}
