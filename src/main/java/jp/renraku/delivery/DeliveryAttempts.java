package jp.renraku.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jp.renraku.common.EmailAddresses;
import jp.renraku.common.RenrakuProperties;
import jp.renraku.mail.MailInSettings;
import jp.renraku.mail.MailSettings;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;

/**
 * One attempt at a claimed delivery: its message rendered with the recipient's personal
 * links, handed to the relay, and what became of it by the retry policy (sent, failed for
 * good, or tried again after a wait that doubles with each attempt).
 */
final class DeliveryAttempts {

	/** The outcome of one send, and whether the relay could not be reached at all. */
	record Attempt(DeliveryQueue.Outcome outcome, boolean relayUnreachable) {
	}

	private final DeliverySettings settings;

	private final MessageRenderer renderer;

	private final Clock clock;

	private final MailInSettings bounces;

	private final DeliveryTokens tokens;

	DeliveryAttempts(DeliverySettings settings, MailSettings mail, MessageSource messages, Clock clock,
			DeliveryTokens tokens, RenrakuProperties links, MailInSettings bounces) {
		this.settings = settings;
		this.clock = clock;
		this.bounces = bounces;
		this.tokens = tokens;
		// with a mail-in domain, replies come back to Renraku naming their delivery: a
		// 「停止」 is answered, the rest kept on the notice for its sender, never forwarded
		this.renderer = new MessageRenderer(mail.from(), messages, links.timeZone(),
				id -> links.baseUrl() + "/c/" + tokens.token(id), id -> links.baseUrl() + "/o/" + tokens.openToken(id),
				id -> links.baseUrl() + "/f/" + tokens.fileToken(id),
				id -> bounces.verp() ? "reply+" + tokens.replyToken(id) + "@" + bounces.domain() : "");
	}

	/** Renders a claimed delivery's message and sends it over this connection, now. */
	Attempt send(DeliveryQueue.Claimed claimed, NoticeContent content, Recipient recipient, SmtpConnection connection,
			DeliverySettings.MailCharset charset) {
		Outgoing message;
		try {
			message = message(claimed, content, recipient, connection, charset);
		}
		catch (MessagingException ex) {
			return new Attempt(unbuildable(claimed, ex), false);
		}
		return outcome(claimed, connection.send(message.message(), message.to()));
	}

	/**
	 * A claimed delivery's message with the recipient's personal links, ready for the
	 * relay.
	 * @throws MessagingException when it cannot be written (an address that cannot go in
	 * a header); {@link #unbuildable} is its outcome
	 */
	Outgoing message(DeliveryQueue.Claimed claimed, NoticeContent content, Recipient recipient,
			SmtpConnection connection, DeliverySettings.MailCharset charset) throws MessagingException {
		return message(claimed, content, recipient, connection, charset, false);
	}

	/**
	 * As above; with {@code attachFiles} (a recipient not on a carrier's phone) the files
	 * the body chose to mail are attached.
	 */
	Outgoing message(DeliveryQueue.Claimed claimed, NoticeContent content, Recipient recipient,
			SmtpConnection connection, DeliverySettings.MailCharset charset, boolean attachFiles)
			throws MessagingException {
		RenderedMessage message = renderer.render(connection.session(), claimed.id(), claimed.noticeId(),
				content.in(claimed.language()), recipient, connection.eightBitMime(), charset, attachFiles);
		message.setEnvelopeFrom(renderer.envelopeFrom());
		if (bounces.verp()) {
			// bounces come back to an address that names this delivery
			message.setEnvelopeFrom("bounce+" + tokens.bounceToken(claimed.id()) + "@" + bounces.domain());
		}
		InternetAddress to = new InternetAddress();
		to.setAddress(EmailAddresses.toAscii(recipient.email()));
		return new Outgoing(message, to);
	}

	/** The outcome of a delivery whose message could not be written: failed for good. */
	DeliveryQueue.Outcome unbuildable(DeliveryQueue.Claimed claimed, MessagingException ex) {
		return new DeliveryQueue.Outcome(claimed.id(), DeliveryStatus.FAILED, claimed.attempts() + 1, clock.instant(),
				"message could not be built: " + ex.getMessage(), null);
	}

	/**
	 * What the relay's answer makes of a delivery, told as soon as it came: sent (at this
	 * moment), failed for good, or tried again after a wait that doubles with each
	 * attempt.
	 */
	Attempt outcome(DeliveryQueue.Claimed claimed, SmtpConnection.Result result) {
		int attempt = claimed.attempts() + 1;
		Instant now = clock.instant();
		boolean unreachable = !result.accepted() && result.code() == 0;
		if (result.accepted()) {
			return new Attempt(new DeliveryQueue.Outcome(claimed.id(), DeliveryStatus.SENT, attempt, now, null, now),
					false);
		}
		if (result.permanent() || attempt >= settings.maxAttempts()) {
			return new Attempt(
					new DeliveryQueue.Outcome(claimed.id(), DeliveryStatus.FAILED, attempt, now, result.reply(), null),
					unreachable);
		}
		Duration wait = settings.retryBase().multipliedBy(1L << Math.min(attempt - 1, 10));
		return new Attempt(new DeliveryQueue.Outcome(claimed.id(), DeliveryStatus.RETRYING, attempt, now.plus(wait),
				result.reply(), null), unreachable);
	}

	/** What became of one attempt at a single mail to a resident. */
	record ResidentAttempt(DeliveryStatus status, int attempts, Instant nextAttemptAt, @Nullable String reply,
			boolean relayUnreachable) {
	}

	/**
	 * One attempt at a single mail to a resident, by the same retry policy. Its bounces
	 * come back to the installation's address (no delivery to name).
	 */
	ResidentAttempt send(ResidentMails.Queued mail, SmtpConnection connection, DeliverySettings.MailCharset charset) {
		int attempt = mail.attempts() + 1;
		Instant now = clock.instant();
		SmtpConnection.Result result;
		try {
			RenderedMessage message = renderer.render(connection.session(), mail, connection.eightBitMime(), charset);
			message.setEnvelopeFrom(renderer.envelopeFrom());
			InternetAddress to = new InternetAddress();
			to.setAddress(EmailAddresses.toAscii(mail.to()));
			result = connection.send(message, to);
		}
		catch (MessagingException ex) {
			return new ResidentAttempt(DeliveryStatus.FAILED, attempt, now,
					"message could not be built: " + ex.getMessage(), false);
		}
		if (result.accepted()) {
			return new ResidentAttempt(DeliveryStatus.SENT, attempt, now, null, false);
		}
		boolean unreachable = result.code() == 0;
		if (result.permanent() || attempt >= settings.maxAttempts()) {
			return new ResidentAttempt(DeliveryStatus.FAILED, attempt, now, result.reply(), unreachable);
		}
		Duration wait = settings.retryBase().multipliedBy(1L << Math.min(attempt - 1, 10));
		return new ResidentAttempt(DeliveryStatus.RETRYING, attempt, now.plus(wait), result.reply(), unreachable);
	}

	/** The test send of a notice: accepted by the relay or not. */
	boolean sendTest(long noticeId, NoticeContent content, Recipient tester, String note, SmtpConnection connection,
			DeliverySettings.MailCharset charset) {
		try {
			RenderedMessage message = renderer.renderTest(connection.session(), noticeId, content, tester, note,
					connection.eightBitMime(), charset);
			message.setEnvelopeFrom(renderer.envelopeFrom());
			InternetAddress to = new InternetAddress();
			to.setAddress(EmailAddresses.toAscii(tester.email()));
			return connection.send(message, to).accepted();
		}
		catch (MessagingException ex) {
			return false;
		}
	}

}
