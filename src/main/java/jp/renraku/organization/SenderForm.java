package jp.renraku.organization;

import java.text.Normalizer;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jp.renraku.common.Contact;
import jp.renraku.common.SingleLine;
import org.jspecify.annotations.Nullable;

/** The sender and contact form of a body (差出人と問い合わせ先). */
class SenderForm {

	@Size(max = 100, message = "{validation.maxLength}")
	@SingleLine
	private @Nullable String displayName;

	@Size(max = 254, message = "{validation.maxLength}")
	@Pattern(regexp = "^$|^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", message = "{validation.email}")
	private @Nullable String fromAddress;

	@Size(max = 100, message = "{validation.maxLength}")
	@SingleLine
	private @Nullable String section;

	@Size(max = 40, message = "{validation.maxLength}")
	@Pattern(regexp = "^$|^[0-9()+\\- ]{6,40}$", message = "{sender.error.phone}")
	private @Nullable String phone;

	@Size(max = 100, message = "{validation.maxLength}")
	@SingleLine
	private @Nullable String hours;

	@Size(max = 254, message = "{validation.maxLength}")
	@Pattern(regexp = "^$|^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", message = "{validation.email}")
	private @Nullable String email;

	@Size(max = 500, message = "{validation.maxLength}")
	@Pattern(regexp = "^$|^https?://\\S+$", message = "{sender.error.url}")
	private @Nullable String url;

	static SenderForm of(BodySenders.Stored stored) {
		SenderForm form = new SenderForm();
		form.displayName = stored.displayName();
		form.fromAddress = stored.fromAddress();
		form.section = stored.contact().section();
		form.phone = stored.contact().phone();
		form.hours = stored.contact().hours();
		form.email = stored.contact().email();
		form.url = stored.contact().url();
		return form;
	}

	BodySenders.Stored toStored() {
		return new BodySenders.Stored(orNull(displayName), orNull(fromAddress),
				new Contact(orNull(section), orNull(phone), orNull(hours), orNull(email), orNull(url)));
	}

	/** For the audit trail: which parts are set, not their values. */
	String summary() {
		BodySenders.Stored stored = toStored();
		return "name:" + (stored.displayName() != null) + " from:" + (stored.fromAddress() != null) + " contact:"
				+ !stored.contact().isEmpty();
	}

	private static @Nullable String orNull(@Nullable String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

	public @Nullable String getDisplayName() {
		return displayName;
	}

	public void setDisplayName(@Nullable String displayName) {
		this.displayName = displayName;
	}

	public @Nullable String getFromAddress() {
		return fromAddress;
	}

	public void setFromAddress(@Nullable String fromAddress) {
		this.fromAddress = fromAddress == null ? null : fromAddress.strip();
	}

	public @Nullable String getSection() {
		return section;
	}

	public void setSection(@Nullable String section) {
		this.section = section;
	}

	public @Nullable String getPhone() {
		return phone;
	}

	public void setPhone(@Nullable String phone) {
		// typed on a phone: full-width digits and the long vowel mark as a dash count
		this.phone = phone == null ? null
				: Normalizer.normalize(phone, Normalizer.Form.NFKC)
					.replace('\u30fc', '-')
					.replace('\u2010', '-')
					.strip();
	}

	public @Nullable String getHours() {
		return hours;
	}

	public void setHours(@Nullable String hours) {
		this.hours = hours;
	}

	public @Nullable String getEmail() {
		return email;
	}

	public void setEmail(@Nullable String email) {
		this.email = email == null ? null : email.strip();
	}

	public @Nullable String getUrl() {
		return url;
	}

	public void setUrl(@Nullable String url) {
		this.url = url == null ? null : url.strip();
	}

}
