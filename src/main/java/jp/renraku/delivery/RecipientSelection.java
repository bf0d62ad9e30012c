package jp.renraku.delivery;

import java.util.Map;

/**
 * The audience of a notice as one SQL query over the registration module's tables,
 * written by that module: {@code SELECT registrant_id, language FROM ... WHERE ...} with
 * named parameters ({@code language}: the code of the registrant's language). The queue
 * wraps it in a single {@code INSERT ... SELECT}, so 100,000 recipients are one
 * statement.
 */
public record RecipientSelection(String sql, Map<String, Object> params) {
}
