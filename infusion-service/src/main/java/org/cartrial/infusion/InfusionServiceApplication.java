package org.cartrial.infusion;

import org.cartrial.support.TrialApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Lymphodepletion, the CD19 and CD22 CAR-T infusions and the CD22 gate: the write side of what a subject got. */
@SpringBootApplication
public class InfusionServiceApplication {

    public static void main(String[] args) {
        TrialApplication.run(InfusionServiceApplication.class, "infusion-service", args);
    }
}
