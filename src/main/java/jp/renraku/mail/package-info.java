/**
 * Single mails through the city's relay or the development catcher (and its outbox page),
 * the relay settings, and the mail-in mailbox, whose mail the other modules' handlers
 * ({@link jp.renraku.mail.IncomingMail}: bounces, empty-mail registration, replies) take.
 * {@link jp.renraku.mail.Mailer} sends.
 */
@ApplicationModule(allowedDependencies = { "common" })
@NullMarked
package jp.renraku.mail;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
