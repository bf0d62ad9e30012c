package jp.renraku.registration;

import java.util.Map;

/**
 * Registrants of one body as an SQL query with named parameters, written by this module
 * for another to join its own rows with (the notice module's results): always a
 * {@code registrant_id} column and the columns the method that made it names.
 */
public record RegistrantColumns(String sql, Map<String, Object> params) {
}
