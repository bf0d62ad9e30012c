package jp.renraku.attachment;

import java.nio.charset.StandardCharsets;

import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * A notice's file as a browser gets it, for staff and residents alike: its real type,
 * shown in place (a phone opens a PDF or a picture at once) under its name, and never
 * kept by a shared cache.
 */
public final class FileResponse {

	private FileResponse() {
	}

	public static ResponseEntity<byte[]> of(Attachment attachment, byte[] bytes) {
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(attachment.type().mediaType()))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.inline()
						.filename(attachment.fileName(), StandardCharsets.UTF_8)
						.build()
						.toString())
			.cacheControl(CacheControl.noStore().cachePrivate())
			.body(bytes);
	}

}
