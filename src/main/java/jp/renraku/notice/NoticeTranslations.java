package jp.renraku.notice;

import java.util.EnumMap;
import java.util.Map;

import jp.renraku.audit.AuditAction;
import jp.renraku.audit.AuditTrail;
import jp.renraku.common.Language;
import jp.renraku.common.NotFoundException;
import jp.renraku.common.Staff;
import jp.renraku.delivery.DeliveryManagement;
import jp.renraku.delivery.NoticeContent;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A draft notice's versions in further languages (issue 19): a sender of the body adds,
 * changes or removes them until the notice is sent; the compose page shows how many
 * recipients get each version.
 */
@Service
class NoticeTranslations {

	private final NoticeManagement management;

	private final NoticeVersions versions;

	private final DeliveryManagement delivery;

	private final AuditTrail audit;

	NoticeTranslations(NoticeManagement management, NoticeVersions versions, DeliveryManagement delivery,
			AuditTrail audit) {
		this.management = management;
		this.versions = versions;
		this.delivery = delivery;
		this.audit = audit;
	}

	/** The notice's versions, by language; another body's notice is not found. */
	@Transactional(readOnly = true)
	Map<Language, NoticeVersion> of(Staff staff, long noticeId) {
		Notice notice = management.notice(staff, noticeId);
		return versions.of(notice.id());
	}

	/**
	 * How many of the notice's recipients get each version now: in their language, else
	 * easy Japanese, else Japanese — as the release will decide.
	 */
	@Transactional(readOnly = true)
	Map<Language, Long> recipientsByVersion(Staff staff, long noticeId) {
		Notice notice = management.notice(staff, noticeId);
		if (notice.reminder()) {
			return new EnumMap<>(Language.class);
		}
		return delivery.countByVersion(management.audience(staff, notice), versions.of(notice.id()).keySet());
	}

	@Transactional
	void save(Staff staff, long noticeId, NoticeVersion version) {
		Notice notice = draft(staff, noticeId);
		versions.save(notice.id(), version);
		audit.record(AuditAction.NOTICE_SAVED, notice.bodyId(), "notice:" + notice.id(),
				"version:" + version.language().code() + " " + version.subject());
	}

	@Transactional
	void delete(Staff staff, long noticeId, Language language) {
		Notice notice = draft(staff, noticeId);
		versions.delete(notice.id(), language);
		audit.record(AuditAction.NOTICE_SAVED, notice.bodyId(), "notice:" + notice.id(),
				"version removed:" + language.code());
	}

	/** Sends the version to the writer's own address, as its readers will get it. */
	@Transactional
	void testSend(Staff staff, long noticeId, Language language) {
		Notice notice = management.notice(staff, noticeId);
		NoticeVersion version = versions.of(notice.id()).get(language);
		if (version == null) {
			throw new NotFoundException("version");
		}
		management.testSend(staff, notice,
				new NoticeContent(notice.subject(), notice.text(), notice.emergency(), notice.askConfirmation(), false,
						Language.JA, Map.of(language, new NoticeContent.Version(version.subject(), version.text())))
					.in(language));
	}

	/** A change of the notice: its approval, if any, lapses. */
	private Notice draft(Staff staff, long noticeId) {
		return management.changing(staff, noticeId);
	}

}
