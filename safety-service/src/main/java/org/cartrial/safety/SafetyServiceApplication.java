package org.cartrial.safety;

import org.cartrial.support.TrialApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Adverse events, CRS/ICANS grading, SAE/SUSAR deadlines and the monitoring rule: the write side of safety. */
@SpringBootApplication
public class SafetyServiceApplication {

    public static void main(String[] args) {
        TrialApplication.run(SafetyServiceApplication.class, "safety-service", args);
    }
}
