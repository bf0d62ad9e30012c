package jp.renraku.common;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * Any Unicode text with line breaks: rejects other control characters and lone
 * surrogates.
 */
@Documented
@Constraint(validatedBy = MultiLine.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
public @interface MultiLine {

	String message() default "{validation.multiLine}";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	final class Validator implements ConstraintValidator<MultiLine, String> {

		@Override
		public boolean isValid(String value, ConstraintValidatorContext context) {
			return value == null || SingleLine.Validator.isSingleLine(value.replaceAll("\\r\\n|\\r|\\n|\\t", " "));
		}

		/**
		 * Whether free text typed outside a bound form (a note, a comment) is at most
		 * {@code maxLength} characters and holds only what a multi-line field may.
		 */
		public static boolean fits(String value, int maxLength) {
			return value.length() <= maxLength && new Validator().isValid(value, null);
		}

	}

}
