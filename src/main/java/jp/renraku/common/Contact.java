package jp.renraku.common;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;

/**
 * Where a resident asks about what they received (問い合わせ先): the section, a phone number
 * with its hours, an address or a form. Every part may be missing; the block shows what
 * there is.
 */
public record Contact(@Nullable String section, @Nullable String phone, @Nullable String hours, @Nullable String email,
		@Nullable String url) {

	public static final Contact NONE = new Contact(null, null, null, null, null);

	public boolean isEmpty() {
		return blank(section) && blank(phone) && blank(email) && blank(url);
	}

	/** The block as lines of text, worded by message keys {@code contact.*}. */
	public List<String> lines(MessageSource messages, Locale locale) {
		List<String> lines = new ArrayList<>();
		if (!blank(section)) {
			lines.add(messages.getMessage("contact.section", new Object[] { section }, locale));
		}
		if (!blank(phone)) {
			lines.add(blank(hours) ? messages.getMessage("contact.phone", new Object[] { phone }, locale)
					: messages.getMessage("contact.phoneHours", new Object[] { phone, hours }, locale));
		}
		if (!blank(email)) {
			lines.add(messages.getMessage("contact.email", new Object[] { email }, locale));
		}
		if (!blank(url)) {
			lines.add(messages.getMessage("contact.url", new Object[] { url }, locale));
		}
		return lines;
	}

	/**
	 * The other contact where it names any way to ask, else this one: a list's contact
	 * replaces the body's whole, so that a school's phone never stands beside the board's
	 * e-mail.
	 */
	public Contact overriddenBy(Contact other) {
		return other.isEmpty() ? this : other;
	}

	private static boolean blank(@Nullable String value) {
		return value == null || value.isBlank();
	}

}
