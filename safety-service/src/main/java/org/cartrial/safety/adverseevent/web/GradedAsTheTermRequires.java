package org.cartrial.safety.adverseevent.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import org.cartrial.safety.adverseevent.domain.AdverseEventTerms;

/**
 * A report grades as its term requires: cytokine release syndrome with {@code crs} findings, ICANS with
 * {@code icans} findings and no typed grade (it is computed), any other term with a typed {@code grade}. A report
 * of the wrong shape is refused naming the field.
 */
@Documented
@Constraint(validatedBy = GradedAsTheTermRequires.Validator.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface GradedAsTheTermRequires {

    String message() default "the grade does not fit the term";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<GradedAsTheTermRequires, AdverseEventRequest> {

        @Override
        public boolean isValid(AdverseEventRequest request, ConstraintValidatorContext context) {
            if (request.ctcaeTerm() == null || request.ctcaeTerm().isBlank()) {
                return true; // @NotBlank speaks for the term
            }
            context.disableDefaultConstraintViolation();
            boolean crs = AdverseEventTerms.isCrs(request.ctcaeTerm());
            boolean icans = AdverseEventTerms.isIcans(request.ctcaeTerm());
            boolean valid = true;
            if ((crs || icans) && request.grade() != null) {
                valid = violation(context, "grade", "is computed from the "
                        + (crs ? "crs" : "icans") + " findings for this term: leave it out");
            }
            if (!crs && !icans && request.grade() == null) {
                valid = violation(context, "grade", "must not be null");
            }
            if (crs && request.crs() == null) {
                valid = violation(context, "crs", "the ASTCT 2019 CRS findings are required for this term");
            }
            if (icans && request.icans() == null) {
                valid = violation(context, "icans", "the ASTCT 2019 ICANS findings are required for this term");
            }
            if (!crs && request.crs() != null) {
                valid = violation(context, "crs", "CRS findings belong to the term Cytokine release syndrome only");
            }
            if (!icans && request.icans() != null) {
                valid = violation(context, "icans", "ICANS findings belong to the term "
                        + AdverseEventTerms.ICANS + " only");
            }
            return valid;
        }

        private static boolean violation(ConstraintValidatorContext context, String field, String message) {
            context.buildConstraintViolationWithTemplate(message).addPropertyNode(field).addConstraintViolation();
            return false;
        }
    }
}
