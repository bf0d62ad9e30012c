package jp.renraku.scan;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import jp.renraku.common.Staff;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The scan every upload passes before anything of it is stored (Art. 14): a clean file
 * returns, an infected one is kept in quarantine and refused, and when the scanner is
 * configured but does not answer the upload is refused too (fail closed). With no scanner
 * configured every file is accepted, and the upload pages say that files are not scanned
 * ({@link #enabled()}).
 */
@Service
public class UploadScanning {

	private static final Logger log = LoggerFactory.getLogger(UploadScanning.class);

	private final ScanProperties properties;

	private final Clamd clamd;

	private final Quarantine quarantine;

	UploadScanning(ScanProperties properties, Quarantine quarantine) {
		this.properties = properties;
		this.clamd = new Clamd(properties);
		this.quarantine = quarantine;
	}

	/** Whether uploads are scanned at all. */
	public boolean enabled() {
		return properties.configured();
	}

	/**
	 * Checks an upload held in memory; throws {@link UploadRefused} unless it may be
	 * stored.
	 */
	public void check(Staff uploader, String fileName, byte[] content) {
		if (!enabled()) {
			return;
		}
		String signature = scan(new ByteArrayInputStream(content), uploader, fileName);
		if (signature != null) {
			refuse(uploader, fileName, signature, content);
		}
	}

	/**
	 * Checks an upload held in a (temporary) file; as
	 * {@link #check(Staff, String, byte[])}.
	 */
	public void check(Staff uploader, String fileName, Path content) throws IOException {
		if (!enabled()) {
			return;
		}
		String signature;
		try (InputStream in = Files.newInputStream(content)) {
			signature = scan(in, uploader, fileName);
		}
		if (signature != null) {
			refuse(uploader, fileName, signature, Files.readAllBytes(content));
		}
	}

	private @Nullable String scan(InputStream in, Staff uploader, String fileName) {
		try {
			return clamd.scan(in).signature();
		}
		catch (IOException ex) {
			log.warn("Upload by account {} refused: the malware scanner did not answer ({})", uploader.accountId(),
					ex.getMessage());
			throw new UploadRefused("scan.error.unavailable");
		}
	}

	private void refuse(Staff uploader, String fileName, String signature, byte[] content) {
		long id = quarantine.keep(uploader, fileName, signature, content);
		log.warn("Upload by account {} refused: {} found, kept in quarantine as {}", uploader.accountId(), signature,
				id);
		throw new UploadRefused("scan.error.infected");
	}

}
