package jp.renraku.attachment;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

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

	/**
	 * The file as a browser gets it, for staff and residents alike: its real type, shown
	 * in place (a phone opens a PDF or a picture at once) under its name, and never kept
	 * by a shared cache.
	 */
	public ResponseEntity<byte[]> download(byte[] bytes) {
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(type.mediaType()))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.inline().filename(fileName, StandardCharsets.UTF_8).build().toString())
			.cacheControl(CacheControl.noStore().cachePrivate())
			.body(bytes);
	}

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
		return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
	}

}
