package jp.renraku.common;

import org.springframework.boot.json.JsonWriter;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;

/**
 * The JSON side of {@link Redacted}: every text value of a structured log line (the
 * message, the stack trace, MDC values), whichever format is chosen ({@code ecs},
 * {@code logstash}, {@code gelf}), has its addresses and tokens replaced as it is
 * written. Named by {@code logging.structured.json.customizer}; Spring Boot makes it.
 */
class RedactedLogFields implements StructuredLoggingJsonMembersCustomizer<Object> {

	@Override
	public void customize(JsonWriter.Members<Object> members) {
		members.applyingValueProcessor(JsonWriter.ValueProcessor.of(String.class, Redacted::text));
	}

}
