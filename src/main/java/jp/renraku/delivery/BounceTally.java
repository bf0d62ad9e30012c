package jp.renraku.delivery;

/**
 * How many bounces of one reason a body's mail met, for its operations managers.
 *
 * @param reason the reason in their words
 * @param effect what such a bounce does: {@code STOPS}, {@code COUNTS} or {@code NOTES}
 * @param cityside whether it is trouble on the city's side (its sender, server or
 * content), to be taken to the system administrator
 */
public record BounceTally(String reason, String effect, boolean cityside, long bounces) {
}
