package jp.renraku.notice;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jp.renraku.RenrakuApplication;
import jp.renraku.common.Staff;
import jp.renraku.delivery.DeliveryManagement;
import jp.renraku.delivery.DeliveryTime;
import jp.renraku.delivery.DeliveryTiming;
import jp.renraku.delivery.NoticeId;
import jp.renraku.registration.RegistrationList;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Releases one notice to N registrants and measures the time until Postfix's smtp-sink has
 * accepted the last message, then prints the notice's delivery time (p50, p95, last) as the
 * product keeps and shows it. Not a test: run by bench/delivery.sh, which starts the sink and
 * measures the machine's SMTP ceiling in the same run.
 *
 * Arguments: jdbc-url sink-port sink-counters-file registrants
 */
public final class DeliveryBenchmark {

	public static void main(String[] args) throws Exception {
		String url = args[0];
		int sinkPort = Integer.parseInt(args[1]);
		Path counters = Path.of(args[2]);
		int n = Integer.parseInt(args[3]);
		int workers = Integer.parseInt(System.getProperty("workers", "4"));
		int batch = Integer.parseInt(System.getProperty("batch", "500"));

		ConfigurableApplicationContext app = new SpringApplicationBuilder(RenrakuApplication.class).run(
				"--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
				"--spring.datasource.password=", "--server.port=0", "--management.server.port=0",
				"--renraku.mail.catcher.enabled=false",
				"--renraku.mail.smtp.host=127.0.0.1", "--renraku.mail.smtp.port=" + sinkPort,
				"--renraku.mail.smtp.tls=NONE", "--renraku.mail.from=bench@renraku.example.jp",
				"--renraku.delivery.workers=" + workers, "--renraku.delivery.batch-size=" + batch,
				"--renraku.delivery.messages-per-connection=1000000", "--renraku.delivery.poll-interval=50ms",
				"--renraku.scheduling.enabled=false", "--logging.level.root=WARN", "--logging.level.jp.renraku.delivery=" + System.getProperty("deliveryLog", "WARN"), "--spring.main.banner-mode=off");
		try {
			run(app, counters, n);
		}
		finally {
			app.close();
		}
	}

	private static void run(ConfigurableApplicationContext app, Path counters, int n) throws Exception {
		BenchSetup.Body setup = BenchSetup.bodyWithRegistrants(app, n);
		Staff manager = setup.manager();
		RegistrationList list = setup.list();
		NoticeManagement notices = app.getBean(NoticeManagement.class);
		long noticeId = notices.create(manager, new NoticeDraft("【訓練】避難情報 {{氏名}}",
				"{{氏名}}\n\nこれは配信速度の測定です。市内全域に避難指示が出たという想定の訓練メールです。\n"
						+ "最寄りの避難所へ移動してください。\n\n{{変更・停止リンク}}\n",
				true, List.of(list.id()), List.of(), List.of(), java.util.Map.of(), false, List.of(), null, 0, null, false));
		long before = accepted(counters);
		System.gc();
		long started = System.nanoTime();
		app.getBean(NoticeReleases.class).release(manager, noticeId);
		long released = System.nanoTime();
		long recipients = notices.notice(manager, noticeId).recipients();
		long deadline = started + 600_000_000_000L;
		while (accepted(counters) - before < recipients && System.nanoTime() < deadline) {
			Thread.sleep(100);
		}
		double seconds = (System.nanoTime() - started) / 1e9;
		long got = accepted(counters) - before;
		long peakHeap = 0;
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			if (pool.getType() == MemoryType.HEAP) {
				peakHeap += pool.getPeakUsage().getUsed();
			}
		}
		DeliveryTime all = deliveryTime(app, noticeId);
		System.out.printf("renraku_messages=%d accepted=%d seconds=%.2f renraku_msgs_per_s=%.0f peak_heap_mib=%d max_heap_mib=%d"
				+ " delivery_p50_ms=%s delivery_p95_ms=%s delivery_last_ms=%s release_ms=%d%n",
				recipients, got, seconds, got / seconds, peakHeap >> 20, Runtime.getRuntime().maxMemory() >> 20,
				all == null ? "-" : all.p50Millis(), all == null ? "-" : all.p95Millis(),
				all == null ? "-" : all.lastMillis(), (released - started) / 1_000_000);
	}

	/**
	 * The notice's delivery time as its page shows it (release to the relay's acceptance),
	 * once the engine has written every outcome back: then it is the kept figure.
	 */
	private static DeliveryTime deliveryTime(ConfigurableApplicationContext app, long noticeId) throws Exception {
		DeliveryManagement delivery = app.getBean(DeliveryManagement.class);
		NoticeId id = NoticeId.of(noticeId);
		long deadline = System.nanoTime() + 60_000_000_000L;
		while (delivery.progress(id, Instant.now()).remaining() > 0 && System.nanoTime() < deadline) {
			Thread.sleep(50);
		}
		DeliveryTiming timing = delivery.timing(id).orElse(null);
		return timing == null ? null : timing.all();
	}

	private static final Pattern MESG = Pattern.compile("mesg=(\\d+)");

	/** The latest running count smtp-sink printed (read from the end of its growing output). */
	static long accepted(Path counters) throws Exception {
		String text;
		try (var file = new java.io.RandomAccessFile(counters.toFile(), "r")) {
			long length = file.length();
			long from = Math.max(0, length - 512);
			byte[] tail = new byte[(int) (length - from)];
			file.seek(from);
			file.readFully(tail);
			text = new String(tail, java.nio.charset.StandardCharsets.US_ASCII);
		}
		Matcher m = MESG.matcher(text);
		long last = 0;
		while (m.find()) {
			last = Long.parseLong(m.group(1));
		}
		return last;
	}

}
