package jp.renraku.attachment;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import jp.renraku.audit.AuditAction;
import jp.renraku.audit.AuditTrail;
import jp.renraku.common.Staff;
import jp.renraku.scan.UploadRefused;
import jp.renraku.scan.UploadScanning;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A notice's files (issue 20). The caller, the notice module, has checked that the staff
 * member may change the notice; here a file is checked and stored: the malware scan first
 * ({@link UploadRefused} when infected or unscannable), then its type from its bytes, its
 * name, the limits, a PDF's content and an image's header; an image is stored without its
 * metadata. What is refused is stored nowhere (but in quarantine).
 */
@Service
public class NoticeAttachments {

	/** A file with its bytes; {@code bytes} is null once its keeping ended. */
	public record StoredFile(Attachment attachment, byte @Nullable [] bytes) {
	}

	/** The limits, for the upload form. */
	public record Limits(String maxFileSize, String maxTotalSize, int maxFiles) {
	}

	private final AttachmentRows rows;

	private final AttachmentProperties properties;

	private final UploadScanning scanning;

	private final AuditTrail audit;

	private final Clock clock;

	NoticeAttachments(AttachmentRows rows, AttachmentProperties properties, UploadScanning scanning, AuditTrail audit,
			Clock clock) {
		this.rows = rows;
		this.properties = properties;
		this.scanning = scanning;
		this.audit = audit;
		this.clock = clock;
	}

	public Limits limits() {
		return new Limits(Attachment.shownSize(properties.maxFileSize().toBytes()),
				Attachment.shownSize(properties.maxTotalSize().toBytes()), properties.maxFiles());
	}

	/** The notice's files, in order. */
	@Transactional(readOnly = true)
	public List<Attachment> of(long noticeId) {
		return rows.of(noticeId);
	}

	/**
	 * One of the notice's files with its bytes; a file of another notice is not found.
	 */
	@Transactional(readOnly = true)
	public Optional<StoredFile> file(long noticeId, long attachmentId) {
		return rows.file(noticeId, attachmentId);
	}

	/**
	 * Checks and stores a file on the notice; throws {@link AttachmentRefused} or
	 * {@link UploadRefused} when it may not be stored.
	 */
	@Transactional
	public Attachment add(Staff staff, long bodyId, long noticeId, @Nullable String uploadedName, byte[] bytes) {
		if (bytes.length == 0) {
			throw new AttachmentRefused("attachment.error.empty");
		}
		String fileName = fileName(uploadedName);
		if (bytes.length > properties.maxFileSize().toBytes()) {
			throw new AttachmentRefused("attachment.error.fileTooLarge", limits().maxFileSize());
		}
		scanning.check(staff, fileName, bytes);
		FileType type = FileType.of(bytes).orElseThrow(() -> new AttachmentRefused("attachment.error.type"));
		if (!type.named(fileName)) {
			throw new AttachmentRefused("attachment.error.misnamed", type.label());
		}
		byte[] stored = bytes;
		ImageMetadata.@Nullable Size size = null;
		if (type == FileType.PDF) {
			Optional<String> refusal = PdfCheck.refusal(bytes);
			if (refusal.isPresent()) {
				throw new AttachmentRefused(refusal.get());
			}
		}
		else {
			size = ImageMetadata.size(bytes).orElseThrow(() -> new AttachmentRefused("attachment.error.imageBroken"));
			if (size.width() > ImageMetadata.MAX_SIDE || size.height() > ImageMetadata.MAX_SIDE) {
				throw new AttachmentRefused("attachment.error.imageTooBig", ImageMetadata.MAX_SIDE);
			}
			stored = ImageMetadata.stripped(type, bytes)
				.orElseThrow(() -> new AttachmentRefused("attachment.error.imageBroken"));
		}
		rows.lockNotice(noticeId);
		long[] carried = rows.countAndSize(noticeId);
		if (carried[0] >= properties.maxFiles()) {
			throw new AttachmentRefused("attachment.error.tooMany", properties.maxFiles());
		}
		if (carried[1] + stored.length > properties.maxTotalSize().toBytes()) {
			throw new AttachmentRefused("attachment.error.totalTooLarge", limits().maxTotalSize());
		}
		long id = rows.insert(noticeId, fileName, type, stored, sha256(stored), size, staff.accountId(),
				clock.instant());
		audit.record(AuditAction.NOTICE_ATTACHMENT_ADDED, bodyId, "notice:" + noticeId,
				"attachment:" + id + " " + type.label() + " " + stored.length + " " + fileName);
		return rows.file(noticeId, id).orElseThrow().attachment();
	}

	/** Takes a file off the notice; false if the notice has no such file. */
	@Transactional
	public boolean remove(long bodyId, long noticeId, long attachmentId) {
		Optional<StoredFile> file = rows.file(noticeId, attachmentId);
		if (file.isEmpty() || !rows.delete(noticeId, attachmentId)) {
			return false;
		}
		audit.record(AuditAction.NOTICE_ATTACHMENT_REMOVED, bodyId, "notice:" + noticeId,
				"attachment:" + attachmentId + " " + file.get().attachment().fileName());
		return true;
	}

	/**
	 * Whether the body chose to attach the notice's files to the mail itself, for the
	 * recipients not on a carrier's phone.
	 */
	@Transactional(readOnly = true)
	public boolean mailed(long noticeId) {
		return rows.mailed(noticeId);
	}

	/** The notice's files with their bytes, for the mail that carries them. */
	@Transactional(readOnly = true)
	public List<StoredFile> files(long noticeId) {
		return rows.files(noticeId);
	}

	/** The body's choice whether the files ride in the mail too. */
	@Transactional
	public void mail(long bodyId, long noticeId, boolean mailed) {
		rows.mailed(noticeId, mailed);
		audit.record(AuditAction.NOTICE_SAVED, bodyId, "notice:" + noticeId, "files in mail:" + mailed);
	}

	/** The notice went out: its files are kept for the configured time from now. */
	@Transactional
	public void released(long noticeId) {
		rows.expireAt(noticeId, clock.instant().plus(properties.keep()));
	}

	/**
	 * The name shown to residents: the uploaded one without any folder, control and
	 * format characters (a right-to-left override could show {@code .pdf} as
	 * {@code .jpg}) or characters a file system refuses, at most 100 characters.
	 */
	static String fileName(@Nullable String uploaded) {
		String name = uploaded == null ? "" : uploaded;
		name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
		name = name.codePoints()
			.filter(c -> !Character.isISOControl(c) && Character.getType(c) != Character.FORMAT && c != 0x2028
					&& c != 0x2029 && "\"*:<>?|".indexOf(c) < 0)
			.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
			.toString()
			.strip();
		if (name.isEmpty() || name.startsWith(".")) {
			throw new AttachmentRefused("attachment.error.name");
		}
		if (name.codePointCount(0, name.length()) > 100) {
			int dot = name.lastIndexOf('.');
			String extension = dot > 0 && name.length() - dot <= 6 ? name.substring(dot) : "";
			name = name.substring(0, name.offsetByCodePoints(0, 100 - extension.length())) + extension;
		}
		return name;
	}

	private static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required by every Java platform", ex);
		}
	}

}
