package org.cartrial.support.security;

import java.util.function.Predicate;

/**
 * The header names and values the firewall admits: what Spring Security's {@code StrictHttpFirewall} admits by
 * default (every character assigned in Unicode and none a control character), decided without its regular
 * expression. The expression ran over every character of every header, the bearer token's ~800 among them, and was
 * about a seventh of a service's CPU per command (issue 10 profile); printable ASCII, all a token has, is now one
 * comparison per character, and anything else takes the same Unicode test the expression made.
 */
final class HeaderCharacters implements Predicate<String> {

    static final HeaderCharacters ASSIGNED_AND_NOT_CONTROL = new HeaderCharacters();

    private HeaderCharacters() {
    }

    @Override
    public boolean test(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                continue;
            }
            return text.codePoints().allMatch(HeaderCharacters::admitted);
        }
        return true;
    }

    private static boolean admitted(int codePoint) {
        return Character.isDefined(codePoint) && Character.getType(codePoint) != Character.CONTROL;
    }
}
