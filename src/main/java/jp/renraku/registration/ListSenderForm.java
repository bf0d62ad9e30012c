package jp.renraku.registration;

import java.text.Normalizer;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jp.renraku.common.Contact;
import jp.renraku.common.SingleLine;
import org.jspecify.annotations.Nullable;

/** A list's own sender name, subject tag and contact; empty fields take the body's. */
class ListSenderForm {

	@Size(max = 100, message = "{validation.maxLength}")
	@SingleLine
	private @Nullable String senderName;

	@Size(max = 30, message = "{validation.maxLength}")
	@Pattern(regexp = "^[^【】\\[\\]]*$", message = "{listSender.error.tag}")
	@SingleLine
	private @Nullable String subjectTag;

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

	static ListSenderForm of(ListSenders.Override stored) {
		ListSenderForm form = new ListSenderForm();
		form.senderName = stored.senderName();
		form.subjectTag = stored.subjectTag();
		form.section = stored.contact().section();
		form.phone = stored.contact().phone();
		form.hours = stored.contact().hours();
		form.email = stored.contact().email();
		form.url = stored.contact().url();
		return form;
	}

	ListSenders.Override toOverride() {
		return new ListSenders.Override(orNull(senderName), orNull(subjectTag),
				new Contact(orNull(section), orNull(phone), orNull(hours), orNull(email), orNull(url)));
	}

	private static @Nullable String orNull(@Nullable String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

	public @Nullable String getSenderName() {
		return senderName;
	}

	public void setSenderName(@Nullable String senderName) {
		this.senderName = senderName;
	}

	public @Nullable String getSubjectTag() {
		return subjectTag;
	}

	public void setSubjectTag(@Nullable String subjectTag) {
		this.subjectTag = subjectTag;
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
