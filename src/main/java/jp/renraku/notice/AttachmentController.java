package jp.renraku.notice;

import java.io.IOException;

import jp.renraku.attachment.Attachment;
import jp.renraku.attachment.NoticeAttachments;
import jp.renraku.common.DomainException;
import jp.renraku.common.NotFoundException;
import jp.renraku.common.Staff;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A notice's files on its page (issue 20): the body's senders add them while the notice
 * can still be changed, take them off, and open them as residents will. Another body's
 * notice is not found.
 */
@Controller
@RequestMapping("/notices/{noticeId}/attachments")
@PreAuthorize("hasAnyRole('SENDER', 'OPERATIONS_MANAGER')")
class AttachmentController {

	private final NoticeManagement notices;

	private final NoticeAttachments attachments;

	private final NoticeFiles files;

	AttachmentController(NoticeManagement notices, NoticeAttachments attachments, NoticeFiles files) {
		this.notices = notices;
		this.attachments = attachments;
		this.files = files;
	}

	@PostMapping
	String add(@AuthenticationPrincipal Staff staff, @PathVariable long noticeId,
			@RequestParam(required = false) @Nullable MultipartFile file, RedirectAttributes redirect)
			throws IOException {
		notices.notice(staff, noticeId);
		String back = "redirect:/notices/" + noticeId + "#attachments";
		if (file == null || file.isEmpty()) {
			redirect.addFlashAttribute("attachmentError", "attachment.error.noFile");
			redirect.addFlashAttribute("attachmentErrorArguments", new Object[0]);
			return back;
		}
		try {
			Attachment added = files.add(staff, noticeId, file.getOriginalFilename(), file.getBytes());
			redirect.addFlashAttribute("flashMessage", "attachment.added");
			redirect.addFlashAttribute("attachmentAdded", added.id());
		}
		catch (NoticeException ex) {
			// the notice can no longer change: said at the top of its page
			throw ex;
		}
		catch (DomainException ex) {
			// refused by the file checks (with their figures) or the malware scan
			redirect.addFlashAttribute("attachmentError", ex.messageKey());
			redirect.addFlashAttribute("attachmentErrorArguments", ex.arguments());
		}
		return back;
	}

	/**
	 * The body's choice: the files in the mail too, for recipients not on a carrier's
	 * phone.
	 */
	@PostMapping("/mail")
	String mail(@AuthenticationPrincipal Staff staff, @PathVariable long noticeId,
			@RequestParam(defaultValue = "false") boolean mailed, RedirectAttributes redirect) {
		files.mail(staff, noticeId, mailed);
		redirect.addFlashAttribute("flashMessage", mailed ? "attachment.mailed.on" : "attachment.mailed.off");
		return "redirect:/notices/" + noticeId + "#attachments";
	}

	@PostMapping("/{attachmentId}/delete")
	String remove(@AuthenticationPrincipal Staff staff, @PathVariable long noticeId, @PathVariable long attachmentId,
			RedirectAttributes redirect) {
		if (!files.remove(staff, noticeId, attachmentId)) {
			throw new NotFoundException("attachment");
		}
		redirect.addFlashAttribute("flashMessage", "attachment.removed");
		return "redirect:/notices/" + noticeId + "#attachments";
	}

	/** The file as residents get it (an image without its metadata). */
	@GetMapping("/{attachmentId}")
	ResponseEntity<byte[]> open(@AuthenticationPrincipal Staff staff, @PathVariable long noticeId,
			@PathVariable long attachmentId) {
		Notice notice = notices.notice(staff, noticeId);
		NoticeAttachments.StoredFile file = attachments.file(notice.id(), attachmentId)
			.orElseThrow(() -> new NotFoundException("attachment"));
		byte[] bytes = file.bytes();
		if (bytes == null) {
			throw new NotFoundException("attachment no longer kept");
		}
		return file.attachment().download(bytes);
	}

}
