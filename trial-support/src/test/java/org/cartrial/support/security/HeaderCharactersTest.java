package org.cartrial.support.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The firewall's header check answers as Spring's default expression does, character class by class. */
class HeaderCharactersTest {

    /** StrictHttpFirewall's default for header names and values. */
    private static final Pattern SPRING_DEFAULT = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");

    @Test
    void a_bearer_token_and_ordinary_values_pass() {
        assertThat(HeaderCharacters.ASSIGNED_AND_NOT_CONTROL.test("Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln"))
                .isTrue();
        assertThat(HeaderCharacters.ASSIGNED_AND_NOT_CONTROL.test("Kinderklinik Zürich – 小児")).isTrue();
        assertThat(HeaderCharacters.ASSIGNED_AND_NOT_CONTROL.test("")).isTrue();
    }

    @Test
    void control_and_unassigned_characters_are_refused() {
        assertThat(HeaderCharacters.ASSIGNED_AND_NOT_CONTROL.test("a\u0000b")).isFalse();
        assertThat(HeaderCharacters.ASSIGNED_AND_NOT_CONTROL.test("a\nb")).isFalse();
        assertThat(HeaderCharacters.ASSIGNED_AND_NOT_CONTROL.test("a\u007fb")).isFalse();
        assertThat(HeaderCharacters.ASSIGNED_AND_NOT_CONTROL.test("a\u0085b")).isFalse();
        assertThat(HeaderCharacters.ASSIGNED_AND_NOT_CONTROL.test("a\u0378b")).isFalse(); // unassigned
    }

    @Test
    void answers_as_the_default_expression_on_every_kind_of_character() {
        Random random = new Random(10);
        for (int n = 0; n < 200_000; n++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(6);
            for (int i = 0; i < length; i++) {
                int codePoint = switch (random.nextInt(4)) {
                    case 0 -> 0x20 + random.nextInt(0x5f);
                    case 1 -> random.nextInt(0x100);
                    case 2 -> random.nextInt(0x10000);
                    default -> random.nextInt(Character.MAX_CODE_POINT + 1);
                };
                text.appendCodePoint(codePoint);
            }
            String value = text.toString();
            assertThat(HeaderCharacters.ASSIGNED_AND_NOT_CONTROL.test(value)).as("%s", value.codePoints().toArray())
                    .isEqualTo(SPRING_DEFAULT.matcher(value).matches());
        }
    }
}
