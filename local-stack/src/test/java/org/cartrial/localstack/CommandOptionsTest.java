package org.cartrial.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.cartrial.localstack.CommandOptions.UsageException;
import org.junit.jupiter.api.Test;

class CommandOptionsTest {

    @Test
    void an_option_on_the_command_line_wins_over_the_environment() {
        CommandOptions options = CommandOptions.parse(List.of("--gateway-port", "18080", "--host=0.0.0.0"),
                Map.of("GATEWAY_PORT", "9999", "TRIAL_MONGO_PORT", "28017"));
        assertThat(options.port("gateway-port", "GATEWAY_PORT", 8080)).isEqualTo(18080);
        assertThat(options.port("mongo-port", "TRIAL_MONGO_PORT", 27017)).isEqualTo(28017);
        assertThat(options.port("kafka-port", "TRIAL_KAFKA_PORT", 9092)).isEqualTo(9092);
        assertThat(options.text("host")).contains("0.0.0.0");
    }

    @Test
    void mistakes_are_usage_errors() {
        assertThatThrownBy(() -> CommandOptions.parse(List.of("--role"), Map.of()))
                .isInstanceOf(UsageException.class).hasMessageContaining("--role needs a value");
        assertThatThrownBy(() -> CommandOptions.parse(List.of("stray"), Map.of()))
                .isInstanceOf(UsageException.class);
        CommandOptions options = CommandOptions.parse(List.of("--port", "70000"), Map.of());
        assertThatThrownBy(() -> options.port("port", null, 1)).isInstanceOf(UsageException.class);
        assertThatThrownBy(() -> options.required("role")).isInstanceOf(UsageException.class);
    }

    @Test
    void a_ports_base_lays_the_ports_out_like_the_defaults() {
        Ports ports = Ports.fromBase(18080);
        assertThat(ports).isEqualTo(new Ports(18080, 18081, 18082, 18083, 18084, 18092, 18093, 18097, 18090, 18085));
        assertThat(ports.with(Component.OUTCOMES, 1234).of(Component.OUTCOMES)).isEqualTo(1234);
        Ports free = Ports.free();
        assertThat(List.of(free.gateway(), free.enrollment(), free.infusion(), free.safety(), free.outcomes(),
                free.kafka(), free.kafkaController(), free.mongo(), free.authorization())).doesNotHaveDuplicates();
    }
}
