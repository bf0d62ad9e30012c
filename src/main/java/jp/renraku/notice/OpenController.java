package jp.renraku.notice;

import java.time.Clock;
import java.util.OptionalLong;

import jp.renraku.common.NotFoundException;
import jp.renraku.common.Sql;
import jp.renraku.delivery.DeliveryQueue;
import jp.renraku.delivery.ReceiptTokens;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
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
	private static final byte[] PIXEL = java.util.Base64.getDecoder()
		.decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

	private final ReceiptTokens tokens;

	private final DeliveryQueue deliveries;

	private final JdbcClient jdbc;

	private final Clock clock;

	OpenController(ReceiptTokens tokens, DeliveryQueue deliveries, JdbcClient jdbc, Clock clock) {
		this.tokens = tokens;
		this.deliveries = deliveries;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@GetMapping("/o/{token}")
	ResponseEntity<byte[]> opened(@PathVariable String token) {
		OptionalLong delivery = tokens.openedDeliveryId(token);
		if (delivery.isEmpty()) {
			throw new NotFoundException("open token");
		}
		DeliveryQueue.ReceiptTarget target = deliveries.receiptTarget(delivery.getAsLong())
			.orElseThrow(() -> new NotFoundException("open token"));
		int recorded = jdbc.sql("""
				INSERT INTO delivery_open (delivery_id, notice_id, opened_at)
				SELECT :delivery, id, :now FROM notice WHERE id = :notice AND state = 'RELEASED' AND track_opens
				ON CONFLICT DO NOTHING
				""")
			.param("delivery", target.deliveryId())
			.param("notice", target.noticeId())
			.param("now", Sql.utc(clock.instant()))
			.update();
		if (recorded == 0 && !tracked(target.noticeId())) {
			throw new NotFoundException("open token");
		}
		return ResponseEntity.ok()
			.contentType(MediaType.IMAGE_GIF)
			.cacheControl(CacheControl.noStore())
			.body(PIXEL.clone());
	}

	private boolean tracked(long noticeId) {
		return jdbc.sql("SELECT COUNT(*) FROM notice WHERE id = :id AND state = 'RELEASED' AND track_opens")
			.param("id", noticeId)
			.query(Long.class)
			.single() > 0;
	}

}
