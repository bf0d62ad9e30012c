package jp.renraku.registration;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.MimeMessage;
import jp.renraku.common.EmailAddresses;
import jp.renraku.mail.IncomingMail;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * 空メール登録, the way most residents register from a phone: an empty mail to a list's
 * registration address {@code entry+<code>@<mail-in domain>} is answered with a personal
 * registration link, to the address it came from and nowhere else (never to Reply-To or
 * other recipients). The link asks for the registration password, then the usual form.
 * Floods are cut per address; auto-replies and mail from mailer daemons are not answered,
 * so two robots cannot mail each other for ever.
 */
@Component
@Order(1)
class BlankMailRegistration implements IncomingMail {

	private static final Pattern ENTRY = Pattern.compile("entry\\+([0-9a-f]{12})@", Pattern.CASE_INSENSITIVE);

	private static final Pattern ANGLED = Pattern.compile("<([^<>\\s]+@[^<>\\s]+)>");

	private final RegistrationManagement registration;

	private final RegistrationWindow window;

	BlankMailRegistration(RegistrationManagement registration, RegistrationWindow window) {
		this.registration = registration;
		this.window = window;
	}

	@Override
	public Outcome handle(MimeMessage message) throws Exception {
		String code = IncomingMail.addressedTo(message, ENTRY);
		if (code == null) {
			return Outcome.NOT_MINE;
		}
		Optional<RegistrationList> list = registration.listByMailCode(code);
		if (list.isEmpty() || !window.open(list.get()) || automatic(message)) {
			return Outcome.HANDLED;
		}
		Optional<String> sender = sender(message).flatMap(EmailAddresses::normalize);
		sender.ifPresent(address -> registration.requestSignupByMail(list.get(), address));
		return Outcome.HANDLED;
	}

	/** RFC 3834 auto-replies, and mail from mailer daemons. */
	private static boolean automatic(MimeMessage message) throws Exception {
		String returnPath = message.getHeader("Return-Path", ",");
		if (returnPath != null && returnPath.strip().equals("<>")) {
			// the null sender: a bounce or another automatic mail
			return true;
		}
		String auto = message.getHeader("Auto-Submitted", ",");
		if (auto != null && !auto.strip().equalsIgnoreCase("no")) {
			return true;
		}
		String from = sender(message).orElse("").toLowerCase(Locale.ROOT);
		return from.startsWith("mailer-daemon@") || from.startsWith("postmaster@") || from.isEmpty();
	}

	/**
	 * The envelope sender the receiving server wrote down (Return-Path), or else the From
	 * address, read leniently: carrier addresses such as
	 * {@code taro..yamada.@docomo.ne.jp} break RFC 5322 and must still be answered.
	 */
	private static Optional<String> sender(MimeMessage message) throws Exception {
		for (String name : new String[] { "Return-Path", "From" }) {
			String value = message.getHeader(name, ",");
			if (value == null || value.isBlank() || value.strip().equals("<>")) {
				continue;
			}
			Matcher angled = ANGLED.matcher(value);
			if (angled.find()) {
				return Optional.of(angled.group(1));
			}
			String bare = value.strip();
			if (bare.contains("@") && !bare.contains(" ")) {
				return Optional.of(bare);
			}
		}
		return Optional.empty();
	}

}
