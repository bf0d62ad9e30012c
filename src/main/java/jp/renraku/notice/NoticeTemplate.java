package jp.renraku.notice;

/**
 * A template (定型文) of a body: a name, a subject and a text that new notices start from.
 */
public record NoticeTemplate(long id, long bodyId, String name, String subject, String text) {
}
