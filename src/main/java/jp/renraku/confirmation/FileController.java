package jp.renraku.confirmation;

import java.util.List;
import java.util.Map;
import java.util.Set;

import jp.renraku.attachment.Attachment;
import jp.renraku.attachment.NoticeAttachments;
import jp.renraku.common.BodyDirectory;
import jp.renraku.common.Language;
import jp.renraku.common.NotFoundException;
import jp.renraku.delivery.DeliveryLinks;
import jp.renraku.delivery.ReceiptTarget;
import jp.renraku.registration.EndedRegistration;
import jp.renraku.registration.RegistrationManagement;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.ModelAndView;

/**
 * A notice's files as its recipients open them (issue 20), by the personal link in their
 * mail, without sign-in or script: {@code /f/{token}} lists them, pictures shown, and
 * {@code /f/{token}/{id}} is one file's bytes. Opening either counts as opening the
 * notice, when the notice records openings. A forged token, a file of another notice or
 * of a notice not sent gets "not found"; the link of someone who has stopped or was
 * erased since answers the page that their mail has stopped (410); a file whose keeping
 * ended says so (410).
 */
@Controller
class FileController {

	private static final String VIEW_FILES = "confirmation/files";

	private static final String VIEW_EXPIRED = "confirmation/file-expired";

	private static final String VIEW_STOPPED = "registration/manage-stopped";

	private final DeliveryLinks deliveries;

	private final ReleasedNotices notices;

	private final RegistrationManagement registration;

	private final NoticeAttachments attachments;

	private final Openings openings;

	private final BodyDirectory bodies;

	FileController(DeliveryLinks deliveries, ReleasedNotices notices, RegistrationManagement registration,
			NoticeAttachments attachments, Openings openings, BodyDirectory bodies) {
		this.deliveries = deliveries;
		this.notices = notices;
		this.registration = registration;
		this.attachments = attachments;
		this.openings = openings;
		this.bodies = bodies;
	}

	/**
	 * The recipient and notice of a link; "not found", or the stopped page when the
	 * recipient is no longer registered.
	 */
	private Opened opened(String token) {
		ReceiptTarget target = deliveries.fileTarget(token).orElseThrow(() -> new NotFoundException("file token"));
		ConfirmableNotice notice = notices.find(target.notice()).orElseThrow(() -> new NotFoundException("file token"));
		if (registration.stillRegistered(Set.of(target.registrantId())).isEmpty()) {
			throw new Gone(new ModelAndView(VIEW_STOPPED, Map.of("ended",
					registration.ended(target.registrantId()).orElseGet(() -> new EndedRegistration(null, null))),
					HttpStatus.GONE));
		}
		return new Opened(target, notice);
	}

	private record Opened(ReceiptTarget target, ConfirmableNotice notice) {
	}

	/** A link that no longer opens anything, and the page that says why (410). */
	private static final class Gone extends RuntimeException {

		private final transient ModelAndView page;

		Gone(ModelAndView page) {
			super(null, null, false, false);
			this.page = page;
		}

	}

	@ExceptionHandler(Gone.class)
	ModelAndView gone(Gone gone) {
		return gone.page;
	}

	/**
	 * Opening a file counts as opening the notice — where the notice records openings at
	 * all (the sender's choice, off by default); otherwise nothing is recorded.
	 */
	private void counted(Opened opened) {
		if (opened.notice().trackOpens()) {
			openings.record(opened.target());
		}
	}

	@GetMapping("/f/{token}")
	String files(@PathVariable String token, Model model) {
		Opened opened = opened(token);
		List<Attachment> files = attachments.of(opened.target().notice().value());
		if (files.isEmpty()) {
			throw new NotFoundException("files");
		}
		counted(opened);
		model.addAttribute("subject", opened.notice().in(Language.of(LocaleContextHolder.getLocale())).subject());
		model.addAttribute("sender", bodies.sender(opened.notice().bodyId()).displayName());
		model.addAttribute("files", files);
		model.addAttribute("token", token);
		return VIEW_FILES;
	}

	@GetMapping("/f/{token}/{attachmentId}")
	ResponseEntity<byte[]> file(@PathVariable String token, @PathVariable String attachmentId) {
		Opened opened = opened(token);
		if (!attachmentId.matches("[0-9]{1,18}")) {
			throw new NotFoundException("file");
		}
		NoticeAttachments.StoredFile file = attachments
			.file(opened.target().notice().value(), Long.parseLong(attachmentId))
			.orElseThrow(() -> new NotFoundException("file"));
		byte[] bytes = file.bytes();
		if (bytes == null) {
			throw new Gone(new ModelAndView(VIEW_EXPIRED,
					Map.of("file", file.attachment(), "sender", bodies.sender(opened.notice().bodyId()).displayName()),
					HttpStatus.GONE));
		}
		counted(opened);
		return file.attachment().download(bytes);
	}

}
