package jp.renraku.registration;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What a resident reads about who runs a list (issue 14): the sender's name, the contact
 * block, and what their phone's filter must let through before the first mail arrives
 * (指定受信・受信許可).
 *
 * @param name the sender's display name (the list's own, or its body's)
 * @param contact the contact block as lines; empty: none
 * @param allowFrom the bare From address the list's mail carries
 * @param allowDomain the mail-in domain replies and bounces go to; {@code null}: none
 */
record ListIssuer(String name, List<String> contact, String allowFrom, @Nullable String allowDomain) {
}
