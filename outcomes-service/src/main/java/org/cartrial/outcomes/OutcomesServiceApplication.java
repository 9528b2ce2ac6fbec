package org.cartrial.outcomes;

import org.cartrial.support.TrialApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Responses, relapse, death and follow-up; and the read models analysts query, built from every context. */
@SpringBootApplication
public class OutcomesServiceApplication {

    public static void main(String[] args) {
        TrialApplication.run(OutcomesServiceApplication.class, "outcomes-service", args);
    }
}
