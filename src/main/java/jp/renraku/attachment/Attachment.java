package jp.renraku.attachment;

import org.jspecify.annotations.Nullable;

/**
 * A file a notice carries, without its bytes.
 *
 * @param id its id, which its links name
 * @param noticeId the notice
 * @param position its place among the notice's files, from 1
 * @param fileName the name it was uploaded with
 * @param type what its bytes are
 * @param size its size in bytes, as stored (an image without its metadata)
 * @param width an image's width in pixels; {@code null} for a PDF
 * @param height an image's height in pixels; {@code null} for a PDF
 * @param kept whether its bytes are still kept (false once its keeping ended)
 */
public record Attachment(long id, long noticeId, int position, String fileName, FileType type, long size,
		@Nullable Integer width, @Nullable Integer height, boolean kept) {

	/** Its size for people: 820 KB, 1.4 MB. */
	public String shownSize() {
		return shownSize(size);
	}

	/**
	 * In units of 1024, as the limits are written ({@code 10MB}) and as phones and
	 * Windows show sizes; a whole number of megabytes without a decimal.
	 */
	static String shownSize(long bytes) {
		if (bytes < 1024 * 1024) {
			return Math.max(1, (bytes + 1023) / 1024) + " KB";
		}
		if (bytes % (1024 * 1024) == 0) {
			return bytes / (1024 * 1024) + " MB";
		}
		return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
	}

}
