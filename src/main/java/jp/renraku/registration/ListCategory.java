package jp.renraku.registration;

/**
 * A category registrants may pick, such as 避難情報.
 */
public record ListCategory(long id, String name) {
}
