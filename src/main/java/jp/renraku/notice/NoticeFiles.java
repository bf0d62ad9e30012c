package jp.renraku.notice;

import jp.renraku.attachment.Attachment;
import jp.renraku.attachment.NoticeAttachments;
import jp.renraku.common.Staff;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Adding and removing a notice's files (issue 20) is a change of the notice: allowed
 * while it can be changed, and an approved notice needs approving again — in one
 * transaction with the file, so that a refused file changes nothing.
 */
@Service
class NoticeFiles {

	private final NoticeManagement management;

	private final NoticeAttachments attachments;

	NoticeFiles(NoticeManagement management, NoticeAttachments attachments) {
		this.management = management;
		this.attachments = attachments;
	}

	@Transactional
	Attachment add(Staff staff, long noticeId, @Nullable String fileName, byte[] bytes) {
		Notice notice = management.changing(staff, noticeId);
		return attachments.add(staff, notice.bodyId(), notice.id(), fileName, bytes);
	}

	/** Whether the files ride in the mail of recipients not on a carrier's phone. */
	@Transactional
	void mail(Staff staff, long noticeId, boolean mailed) {
		Notice notice = management.changing(staff, noticeId);
		attachments.mail(notice.bodyId(), notice.id(), mailed);
	}

	/** False when the notice has no such file (and nothing changed). */
	@Transactional
	boolean remove(Staff staff, long noticeId, long attachmentId) {
		Notice notice = management.notice(staff, noticeId);
		if (attachments.file(notice.id(), attachmentId).isEmpty()) {
			return false;
		}
		management.changing(staff, noticeId);
		return attachments.remove(notice.bodyId(), notice.id(), attachmentId);
	}

}
