package org.cartrial.api.consistency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConsistencyTokenTest {

    @Test
    void reads_what_it_writes_in_partition_order() {
        ConsistencyToken token = ConsistencyToken.parse("trial.outcomes.events:0:5, trial.enrollment.events:2:17");

        assertThat(token.toString()).isEqualTo("trial.enrollment.events:2:17,trial.outcomes.events:0:5");
        assertThat(ConsistencyToken.parse(token.toString())).isEqualTo(token);
    }

    @Test
    void merging_keeps_the_newer_offset_of_each_partition() {
        ConsistencyToken older = ConsistencyToken.parse("trial.enrollment.events:2:17,trial.enrollment.events:1:4");
        ConsistencyToken newer = ConsistencyToken.parse("trial.enrollment.events:2:18,trial.safety.events:0:3");

        assertThat(older.merge(newer).toString())
                .isEqualTo("trial.enrollment.events:1:4,trial.enrollment.events:2:18,trial.safety.events:0:3");
        assertThat(newer.merge(older)).isEqualTo(older.merge(newer));
        assertThat(older.merge(ConsistencyToken.EMPTY)).isSameAs(older);
    }

    @Test
    void keeps_the_topics_asked_for() {
        ConsistencyToken token = ConsistencyToken.parse("trial.enrollment.events:2:17,trial.outcomes.events:0:5");

        assertThat(token.only(java.util.List.of("trial.outcomes.events")).toString())
                .isEqualTo("trial.outcomes.events:0:5");
    }

    @Test
    void an_absent_or_blank_header_is_an_empty_token() {
        assertThat(ConsistencyToken.parse(null).isEmpty()).isTrue();
        assertThat(ConsistencyToken.parse("  ").isEmpty()).isTrue();
    }

    @Test
    void refuses_anything_else_naming_the_rule() {
        for (String bad : new String[] {"x", "trial.enrollment.events:2", "trial.enrollment.events:-1:3",
                "trial.enrollment.events:1:2;drop", "a b:1:2", "t:1:99999999999999999999"}) {
            assertThatThrownBy(() -> ConsistencyToken.parse(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("topic:partition:offset");
        }
        String tooMany = "t:1:1,".repeat(ConsistencyToken.MAX_PARTITIONS + 1);
        assertThatThrownBy(() -> ConsistencyToken.parse(tooMany)).hasMessageContaining("at most");
    }
}
