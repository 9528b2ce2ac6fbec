package org.cartrial.testsupport;

import java.util.Objects;

import org.cartrial.api.CommandRefused;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/** Matches a {@link CommandRefused} by reason, code and field, for given-when-then aggregate tests. */
public final class RefusalMatcher {

    private RefusalMatcher() {
    }

    public static Matcher<CommandRefused> refused(CommandRefused.Reason reason, String code, String field) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(CommandRefused ex) {
                return ex.reason() == reason && code.equals(ex.code()) && Objects.equals(field, ex.field());
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("CommandRefused " + reason + " " + code + " on " + field);
            }

            @Override
            protected void describeMismatchSafely(CommandRefused ex, Description description) {
                description.appendText("was " + ex.reason() + " " + ex.code() + " on " + ex.field() + ": "
                        + ex.getMessage());
            }
        };
    }

    public static Matcher<CommandRefused> ruleBroken(String code, String field) {
        return refused(CommandRefused.Reason.RULE_BROKEN, code, field);
    }
}
