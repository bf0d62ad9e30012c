package jp.renraku.confirmation;

import java.util.Base64;
import java.util.Set;

import jp.renraku.common.NotFoundException;
import jp.renraku.delivery.DeliveryLinks;
import jp.renraku.delivery.ReceiptTarget;
import jp.renraku.registration.RegistrationManagement;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The opening image of a notice that tracks openings (Art. 5-2, optional, off unless the
 * sender turns it on): loading it records when the mail was first opened. A lower bound
 * only — many mail programs block images, and some load them without a reader — so the
 * notice page labels it as such, and a confirmation always counts as opened. Its token is
 * not a confirmation token; a forged one, or one of a notice that does not track, gets
 * "not found".
 */
@Controller
class OpenController {

	/** A transparent GIF of one pixel. */
	private static final byte[] PIXEL = Base64.getDecoder()
		.decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

	private final DeliveryLinks deliveries;

	private final ReleasedNotices notices;

	private final RegistrationManagement registration;

	private final Openings openings;

	OpenController(DeliveryLinks deliveries, ReleasedNotices notices, RegistrationManagement registration,
			Openings openings) {
		this.deliveries = deliveries;
		this.notices = notices;
		this.registration = registration;
		this.openings = openings;
	}

	@GetMapping("/o/{token}")
	ResponseEntity<byte[]> opened(@PathVariable String token) {
		ReceiptTarget target = deliveries.openTarget(token).orElseThrow(() -> new NotFoundException("open token"));
		if (notices.find(target.notice()).filter(ConfirmableNotice::trackOpens).isEmpty()) {
			throw new NotFoundException("open token");
		}
		if (registration.stillRegistered(Set.of(target.registrantId())).isEmpty()) {
			// the recipient stopped or was erased since: nothing of theirs is recorded
			return pixel();
		}
		openings.record(target);
		return pixel();
	}

	private static ResponseEntity<byte[]> pixel() {
		return ResponseEntity.ok()
			.contentType(MediaType.IMAGE_GIF)
			.cacheControl(CacheControl.noStore())
			.body(PIXEL.clone());
	}

}
