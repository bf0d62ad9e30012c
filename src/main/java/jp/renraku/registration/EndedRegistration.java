package jp.renraku.registration;

import org.jspecify.annotations.Nullable;

/**
 * What the page of a stopped or erased person's old link (their personal page, the
 * confirmation link of a notice) shows: which list's mail has stopped, and where to
 * register again.
 *
 * @param listName the list, unknown for people erased before the consent record kept the
 * id their links carry
 * @param registrationPath the list's registration page ({@code /r/…}), only while the
 * list takes registrations
 */
public record EndedRegistration(@Nullable String listName, @Nullable String registrationPath) {
}
