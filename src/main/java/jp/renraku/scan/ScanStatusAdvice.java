package jp.renraku.scan;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Gives every page {@code filesScanned}, so an upload form can say when files are not
 * scanned.
 */
@ControllerAdvice
class ScanStatusAdvice {

	private final UploadScanning scanning;

	ScanStatusAdvice(UploadScanning scanning) {
		this.scanning = scanning;
	}

	@ModelAttribute("filesScanned")
	boolean filesScanned() {
		return scanning.enabled();
	}

}
