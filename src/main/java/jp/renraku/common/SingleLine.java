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
 * Any Unicode text on one line: rejects control characters (including line breaks) and
 * lone surrogates, accepts every Japanese character such as 髙, 﨑 and ①.
 */
@Documented
@Constraint(validatedBy = SingleLine.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
public @interface SingleLine {

	String message() default "{validation.singleLine}";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	final class Validator implements ConstraintValidator<SingleLine, String> {

		@Override
		public boolean isValid(String value, ConstraintValidatorContext context) {
			return value == null || isSingleLine(value);
		}

		public static boolean isSingleLine(String value) {
			for (int i = 0; i < value.length(); i++) {
				char c = value.charAt(i);
				if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
					return false;
				}
				if (Character.isHighSurrogate(c)) {
					if (i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
						return false;
					}
					i++;
				}
				else if (Character.isLowSurrogate(c)) {
					return false;
				}
			}
			return true;
		}

	}

}
