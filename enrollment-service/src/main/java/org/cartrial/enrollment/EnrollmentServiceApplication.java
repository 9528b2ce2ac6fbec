package org.cartrial.enrollment;

import org.cartrial.support.TrialApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Sites, screening, eligibility, consent, enrolment and withdrawal: the write side of who is on the study. */
@SpringBootApplication
public class EnrollmentServiceApplication {

    public static void main(String[] args) {
        TrialApplication.run(EnrollmentServiceApplication.class, "enrollment-service", args);
    }
}
