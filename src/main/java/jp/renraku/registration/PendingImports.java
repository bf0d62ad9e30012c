package jp.renraku.registration;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

import jp.renraku.common.Staff;
import jp.renraku.registration.CsvUploads.CsvUpload;
import jp.renraku.scan.UploadRefused;
import jp.renraku.scan.UploadScanning;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.multipart.MultipartFile;

/**
 * A CSV import between the upload and the operator's confirmation (Art. 10): the file is
 * previewed, then waits in the database ({@link CsvUploads}) under an id that the session
 * holds, so that whichever node the confirmation reaches can import it (issue 18). It is
 * deleted on confirm or cancel, and by the purge {@link #KEEP} after the upload. While a
 * file is read it sits in a private temporary file of the node at work, deleted when the
 * request ends.
 * <p>
 * {@link #receive} is the one way in for an uploaded file: it is scanned for malware
 * there (issue 20), before the preview reads it and before anything is stored.
 */
@Component
class PendingImports {

	private static final Logger log = LoggerFactory.getLogger(PendingImports.class);

	/** How long an upload waits for its confirmation before the purge deletes it. */
	static final Duration KEEP = Duration.ofHours(3);

	/** A previewed upload and the id its confirmation names. */
	record Received(long uploadId, RegistrantImport.Preview preview) {
	}

	private final RegistrationManagement registration;

	private final CsvUploads uploads;

	private final Clock clock;

	private final UploadScanning scanning;

	PendingImports(RegistrationManagement registration, CsvUploads uploads, Clock clock, UploadScanning scanning) {
		this.registration = registration;
		this.uploads = uploads;
		this.clock = clock;
		this.scanning = scanning;
	}

	/**
	 * Previews the uploaded file for the list and stores it for the confirmation, read in
	 * the encoding chosen ({@code utf8}, {@code cp932}, or detected for anything else).
	 * An infected file, or one the scanner could not check, is refused with
	 * {@link UploadRefused} and nothing of it is stored here.
	 */
	@Transactional
	Received receive(Staff staff, long listId, MultipartFile file, String encoding) throws IOException {
		Path path = temporaryFile();
		try {
			file.transferTo(path);
			String name = file.getOriginalFilename();
			scanning.check(staff, name == null || name.isBlank() ? "upload.csv" : name, path);
			Charset charset = switch (encoding) {
				case "utf8" -> StandardCharsets.UTF_8;
				case "cp932" -> RegistrantImport.WINDOWS_31J;
				default -> RegistrantImport.detect(path);
			};
			RegistrantImport.Preview preview = registration.previewImport(staff, listId, path, charset);
			try (InputStream content = Files.newInputStream(path)) {
				return new Received(uploads.store(staff, listId, charset, content, clock.instant()), preview);
			}
		}
		finally {
			Files.deleteIfExists(path);
		}
	}

	/**
	 * Imports the staff member's own upload into the list and deletes it, in one
	 * transaction; empty when there is no such upload (confirmed already, cancelled,
	 * purged, or someone else's).
	 */
	@Transactional
	OptionalLong confirm(Staff staff, long listId, long uploadId) throws IOException {
		Optional<CsvUpload> upload = uploads.lock(uploadId, staff, listId);
		if (upload.isEmpty()) {
			return OptionalLong.empty();
		}
		Path path = temporaryFile();
		try {
			try (OutputStream out = Files.newOutputStream(path)) {
				uploads.copy(uploadId, out);
			}
			long imported = registration.importCsv(staff, listId, path, upload.get().charset());
			uploads.delete(uploadId);
			return OptionalLong.of(imported);
		}
		finally {
			Files.deleteIfExists(path);
		}
	}

	/** Deletes the staff member's own upload: cancelled, or replaced by a newer one. */
	@Transactional
	void cancel(Staff staff, long uploadId) {
		uploads.delete(uploadId, staff);
	}

	/** purge: uploads nobody confirmed or cancelled (the session ended first). */
	@Scheduled(fixedDelayString = "PT15M", initialDelayString = "PT5M")
	void purge() {
		int purged = uploads.purge(clock.instant().minus(KEEP));
		if (purged > 0) {
			log.info("Deleted {} CSV upload(s) left unconfirmed for {} hours", purged, KEEP.toHours());
		}
	}

	private static Path temporaryFile() throws IOException {
		return Files.createTempFile("renraku-import-", ".csv",
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
	}

}
