package jp.renraku.delivery;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongFunction;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jp.renraku.common.EmailAddresses;
import jp.renraku.common.Language;
import jp.renraku.common.Sender;
import jp.renraku.mail.Mailer;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;

/**
 * Builds the message for one recipient — a notice's, or a single mail to a resident
 * (confirmation link, welcome, stop …) — by one path, so that every mail a resident gets
 * says who sent it the same way (issue 14): the sender's name in From, the list's tag in
 * the subject, the sender and contact at the end; and goes in the character set of its
 * destination. Exactly one address in To, a stable Message-ID, the personal link in the
 * text and in RFC 8058 headers. Placeholders are replaced as plain text; a header can
 * never carry a line break, so nothing a sender or registrant typed can add a header. The
 * bytes are written by {@link LetterWriter}.
 */
final class MessageRenderer {

	private final InternetAddress from;

	private final String messageIdDomain;

	private final MessageSource messages;

	/**
	 * Per language, read once: the name for a recipient without one, the confirmation
	 * line.
	 */
	private final Map<Language, String> nameIfUnknown = new EnumMap<>(Language.class);

	private final Map<Language, String> confirmLine = new EnumMap<>(Language.class);

	private final LetterWriter writer;

	/** Footers by sender, language and whether they carry the personal link line. */
	private final Map<FooterKey, String> footers = new ConcurrentHashMap<>();

	/** The personal confirmation link of a delivery. */
	private final LongFunction<String> confirmUrl;

	/** A delivery's Reply-To address, or "" for none. */
	private final LongFunction<String> replyTo;

	/** The address of a delivery's opening image. */
	private final LongFunction<String> openUrl;

	/** Where the links to a delivery's files start; each adds its file's id. */
	private final LongFunction<String> filesUrl;

	/**
	 * The mailed files in base64, by id, encoded once: a released notice's files do not
	 * change.
	 */
	private final Map<Long, byte[]> encodedFiles = new ConcurrentHashMap<>();

	/** Per language, read once: the heading and the line of a notice's files. */
	private final Map<Language, String[]> fileLines = new EnumMap<>(Language.class);

	MessageRenderer(String from, MessageSource messages, ZoneId zone) {
		this(from, messages, zone, id -> "", id -> "", id -> "", id -> "");
	}

	MessageRenderer(String from, MessageSource messages, ZoneId zone, LongFunction<String> confirmUrl,
			LongFunction<String> openUrl, LongFunction<String> filesUrl, LongFunction<String> replyTo) {
		this.messages = messages;
		this.filesUrl = filesUrl;
		this.replyTo = replyTo;
		this.confirmUrl = confirmUrl;
		this.openUrl = openUrl;
		try {
			this.from = Mailer.sender(from);
		}
		catch (AddressException ex) {
			throw new IllegalStateException("renraku.mail.from is not an address: " + from, ex);
		}
		String address = this.from.getAddress();
		int at = address.lastIndexOf('@');
		this.messageIdDomain = at < 0 ? "renraku.invalid" : address.substring(at + 1);
		this.writer = new LetterWriter(zone);
		String name = messages.getMessage("mail.nameIfUnknown", null, Locale.JAPANESE);
		String line = messages.getMessage("mail.confirmLine", null, "{0}", Locale.JAPANESE);
		for (Language language : Language.values()) {
			this.nameIfUnknown.put(language, messages.getMessage("mail.nameIfUnknown", null, name, language.locale()));
			this.confirmLine.put(language, messages.getMessage("mail.confirmLine", null, line, language.locale()));
			this.fileLines.put(language,
					new String[] { messages.getMessage("mail.files.heading", null, "({0})", language.locale()),
							messages.getMessage("mail.files.line", null, "{0} ({1}, {2})", language.locale()) });
		}
	}

	/** The envelope sender, unless the message names its delivery (VERP). */
	String envelopeFrom() {
		return from.getAddress();
	}

	/**
	 * A notice's message for one recipient. With {@code eightBit} (the relay announced
	 * 8BITMIME) UTF-8 text goes as it is instead of base64. With {@code ISO_2022_JP} the
	 * message is normalised to that character set and sent in it, unless some character
	 * has no form there; then it goes as UTF-8, so that nothing is dropped.
	 */
	RenderedMessage render(Session session, long deliveryId, long noticeId, NoticeContent content, Recipient recipient,
			boolean eightBit, DeliverySettings.MailCharset charset) throws MessagingException {
		return render(session, deliveryId, noticeId, content, recipient, eightBit, charset, false);
	}

	/**
	 * As above; with {@code attachFiles} (a recipient not on a carrier's phone) the
	 * notice's files the body chose to mail ride in the message as attachments too.
	 */
	RenderedMessage render(Session session, long deliveryId, long noticeId, NoticeContent content, Recipient recipient,
			boolean eightBit, DeliverySettings.MailCharset charset, boolean attachFiles) throws MessagingException {
		String reply = replyTo.apply(deliveryId);
		String files = content.files().isEmpty() ? "" : filesUrl.apply(deliveryId) + "/";
		LetterWriter.Letter letter = letter(noticeId, content, recipient,
				content.askConfirmation() ? inLanguage(confirmUrl.apply(deliveryId), recipient.language()) : "",
				file -> files + file.id(), "<" + deliveryId + "." + noticeId + ".renraku@" + messageIdDomain + ">",
				reply.isEmpty() ? null : reply, content.trackOpens() ? openUrl.apply(deliveryId) : null,
				"=_renraku_" + deliveryId + "_" + noticeId);
		if (attachFiles) {
			letter = withFiles(letter, content);
		}
		return new RenderedMessage(session, writer.write(letter, eightBit, charset));
	}

	/**
	 * The test send of a notice (issue 14): the message a recipient gets, byte for byte,
	 * but for the personal values — the writer's own name and address, the note in place
	 * of the personal links, its own Message-ID and no opening image.
	 */
	RenderedMessage renderTest(Session session, long noticeId, NoticeContent content, Recipient tester, String note,
			boolean eightBit, DeliverySettings.MailCharset charset) throws MessagingException {
		LetterWriter.Letter letter = letter(null, content, tester, content.askConfirmation() ? note : "", file -> note,
				"<test." + noticeId + "." + System.nanoTime() + ".renraku@" + messageIdDomain + ">", null, null,
				"=_renraku_test_" + noticeId);
		return new RenderedMessage(session, writer.write(letter, eightBit, charset));
	}

	/**
	 * @param noticeId the notice whose subject is the same for every recipient and may be
	 * encoded once; {@code null} for a draft, which may change between two test sends
	 */
	private LetterWriter.Letter letter(@Nullable Long noticeId, NoticeContent content, Recipient recipient,
			String confirm, Function<NoticeContent.File, String> fileLink, String messageId, @Nullable String reply,
			@Nullable String openImage, String boundary) throws MessagingException {
		Sender sender = recipient.sender();
		String nameIfUnknown = this.nameIfUnknown.get(recipient.language());
		boolean personalSubject = content.subject().contains("{{");
		String subject = Placeholders.headerSafe(sender.tagged(personalSubject
				? Placeholders.fill(content.subject(), recipient, nameIfUnknown, confirm) : content.subject()));
		String filled = Placeholders.fill(content.text(), recipient, nameIfUnknown, confirm);
		if (content.askConfirmation() && !content.text().contains(Placeholders.CONFIRM_LINK)) {
			// asked for confirmation but the writer did not place the link: it goes first
			filled = confirmLine.get(recipient.language()).replace("{0}", confirm) + "\n\n" + filled;
		}
		return new LetterWriter.Letter(address(recipient.email()), sender, senderAddress(sender), subject,
				personalSubject || noticeId == null ? null
						: noticeId + "/" + sender.subjectTag() + "/" + content.language(),
				filled + files(content, recipient.language(), fileLink) + "\n\n"
						+ footer(sender, recipient.language(), recipient.manageUrl()),
				messageId, reply, recipient.unsubscribeUrl(), true, openImage, boundary, content.language().japanese());
	}

	/**
	 * A single mail to a resident, written by the module it concerns (the confirmation
	 * link of a registration, a welcome, a stop …), with the same sender, footer and
	 * character set as a notice.
	 */
	RenderedMessage render(Session session, ResidentMails.Queued mail, boolean eightBit,
			DeliverySettings.MailCharset charset) throws MessagingException {
		LetterWriter.Letter letter = new LetterWriter.Letter(address(mail.to()), mail.sender(),
				senderAddress(mail.sender()), Placeholders.headerSafe(mail.sender().tagged(mail.subject())), null,
				mail.text() + "\n\n" + footer(mail.sender(), mail.language(), null),
				"<" + mail.id() + ".single.renraku@" + messageIdDomain + ">", null, mail.unsubscribeUrl(), false, null,
				"=_renraku_single_" + mail.id(), mail.language().japanese());
		return new RenderedMessage(session, writer.write(letter, eightBit, charset));
	}

	/** The letter with the notice's mailed files attached, each encoded once. */
	private LetterWriter.Letter withFiles(LetterWriter.Letter letter, NoticeContent content) {
		List<LetterWriter.MailFile> files = new ArrayList<>();
		for (NoticeContent.File file : content.files()) {
			byte[] bytes = file.mailed();
			if (bytes != null) {
				if (encodedFiles.size() > 16) {
					encodedFiles.clear();
				}
				byte[] base64 = encodedFiles.computeIfAbsent(file.id(), id -> Base64.getMimeEncoder().encode(bytes));
				files.add(new LetterWriter.MailFile(file.mediaType(), file.name(), base64));
			}
		}
		if (files.isEmpty()) {
			return letter;
		}
		return new LetterWriter.Letter(letter.to(), letter.sender(), letter.senderAddress(), letter.subject(),
				letter.subjectKey(), letter.text(), letter.messageId(), letter.replyTo(), letter.unsubscribeUrl(),
				letter.bulk(), letter.openImageUrl(), letter.boundary(), letter.japanese(), List.copyOf(files));
	}

	/**
	 * The notice's files after its text (issue 20): a heading, then for each its name,
	 * kind and size on one line and its personal link on the next, so that a phone shows
	 * the link whole.
	 */
	private String files(NoticeContent content, Language language, Function<NoticeContent.File, String> link) {
		if (content.files().isEmpty()) {
			return "";
		}
		String[] lines = fileLines.get(language);
		StringBuilder text = new StringBuilder("\n\n")
			.append(lines[0].replace("{0}", Integer.toString(content.files().size())));
		for (NoticeContent.File file : content.files()) {
			text.append('\n')
				.append(lines[1].replace("{0}", file.name()).replace("{1}", file.type()).replace("{2}", file.size()))
				.append('\n')
				.append(link.apply(file));
		}
		return text.toString();
	}

	private static String address(String email) throws MessagingException {
		String to = EmailAddresses.toAscii(email);
		if (!MimeParts.printableAscii(to)) {
			throw new MessagingException("address cannot be written in a header: " + Placeholders.headerSafe(to));
		}
		return to;
	}

	/** The address in From: the body's own where it has one, else the installation's. */
	private String senderAddress(Sender sender) {
		return sender.fromAddress() != null ? sender.fromAddress() : from.getAddress();
	}

	/**
	 * The end of every resident mail: a rule, who it is from, where to ask, and, for a
	 * registrant, their personal link to change or stop.
	 */
	/**
	 * Which footer: whose, in which language, and whether it ends with the personal link.
	 */
	private record FooterKey(Sender sender, Language language, boolean manageLine) {
	}

	/** A personal link that opens its page in the reader's language. */
	static String inLanguage(String url, Language language) {
		if (language == Language.JA || url.isEmpty()) {
			return url;
		}
		return url + (url.contains("?") ? "&" : "?") + "lang=" + language.code();
	}

	private String footer(Sender sender, Language language, @Nullable String manageUrl) {
		FooterKey key = new FooterKey(sender, language, manageUrl != null);
		Locale locale = language.locale();
		if (footers.size() > 1000) {
			footers.clear();
		}
		String footer = footers.computeIfAbsent(key, k -> {
			StringBuilder text = new StringBuilder(
					messages.getMessage("mail.footer.sender", new Object[] { sender.displayName() }, locale));
			List<String> contact = sender.contact().lines(messages, locale);
			contact.forEach(line -> text.append('\n').append(line));
			if (manageUrl != null) {
				text.append('\n').append(messages.getMessage("mail.footer.manage", null, locale));
			}
			return text.toString();
		});
		return manageUrl == null ? footer : footer + "\n" + manageUrl;
	}

}
