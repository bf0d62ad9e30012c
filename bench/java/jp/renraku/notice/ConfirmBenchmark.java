package jp.renraku.notice;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jp.renraku.RenrakuApplication;
import jp.renraku.confirmation.NoticeQuestion;
import jp.renraku.delivery.BenchTokens;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Serves the confirmation endpoint for a load test: creates N registrants, a released
 * notice asking for confirmation with one SENT delivery each, writes every delivery's
 * token to a file, prints {@code ready}, and keeps serving until the stop file appears
 * (or 15 minutes pass); then prints how many confirmations were recorded. Not a test: run
 * by bench/confirm.sh, which drives it with wrk.
 *
 * Arguments: jdbc-url port registrants tokens-file stop-file
 */
public final class ConfirmBenchmark {

	public static void main(String[] args) throws Exception {
		String url = args[0];
		int port = Integer.parseInt(args[1]);
		int n = Integer.parseInt(args[2]);
		Path tokensFile = Path.of(args[3]);
		Path stop = Path.of(args[4]);
		ConfigurableApplicationContext app = new SpringApplicationBuilder(RenrakuApplication.class).run(
				"--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
				"--spring.datasource.password=", "--server.port=" + port, "--server.address=127.0.0.1",
				"--management.server.port=0",
				"--renraku.mail.catcher.enabled=false", "--renraku.delivery.enabled=false",
				"--renraku.scheduling.enabled=false", "--logging.level.root=WARN", "--spring.main.banner-mode=off",
				"--spring.datasource.hikari.maximum-pool-size=" + System.getProperty("pool", "20"),
				"--server.tomcat.threads.max=" + System.getProperty("threads", "100"),
				// a load generator keeps its connections; Tomcat's default closes one every
				// 100 requests, and a press written into a closing connection is lost
				"--server.tomcat.max-keep-alive-requests=-1");
		try {
			long noticeId = prepare(app, n, tokensFile);
			System.out.println("ready notice=" + noticeId);
			long deadline = System.nanoTime() + 900_000_000_000L;
			while (!Files.exists(stop) && System.nanoTime() < deadline) {
				Thread.sleep(200);
			}
			JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
			Long recorded = jdbc.queryForObject("SELECT COUNT(*) FROM delivery_receipt WHERE notice_id = ?", Long.class,
					noticeId);
			Long distinct = jdbc.queryForObject(
					"SELECT COUNT(DISTINCT delivery_id) FROM delivery_receipt WHERE notice_id = ?", Long.class, noticeId);
			// wrk runs for its whole duration even when every thread is done: the rate is
			// taken from the first and last recorded confirmation instead (and the script
			// measures the CPU each side used between them)
			Map<String, Object> window = jdbc.queryForMap(
					"SELECT EXTRACT(EPOCH FROM MIN(confirmed_at)) AS first, EXTRACT(EPOCH FROM MAX(confirmed_at)) AS last"
							+ " FROM delivery_receipt WHERE notice_id = ?",
					noticeId);
			double first = window.get("first") == null ? 0 : ((Number) window.get("first")).doubleValue();
			double last = window.get("last") == null ? 0 : ((Number) window.get("last")).doubleValue();
			double seconds = last - first;
			System.out.printf("recorded=%d distinct=%d seconds=%.2f confirmations_per_s=%.0f first=%.3f last=%.3f%n",
					recorded, distinct, seconds, seconds == 0 ? 0 : recorded / seconds, first, last);
		}
		finally {
			app.close();
		}
	}

	private static long prepare(ConfigurableApplicationContext app, int n, Path tokensFile) throws Exception {
		BenchSetup.Body setup = BenchSetup.bodyWithRegistrants(app, n);
		NoticeManagement notices = app.getBean(NoticeManagement.class);
		long noticeId = notices.create(setup.manager(), new NoticeDraft("【訓練】安否確認", "受信を確認してください。\n{{受信確認リンク}}\n",
				true, List.of(setup.list().id()), List.of(), List.of(), Map.of(), true, questions(), null, 0, null,
				false));
		app.getBean(NoticeReleases.class).release(setup.manager(), noticeId);
		JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
		// the mail went out: the benchmark measures the clicks, not the sending
		jdbc.update("UPDATE delivery SET status = 'SENT', attempts = 1, sent_at = CURRENT_TIMESTAMP WHERE notice_id = ?",
				noticeId);
		BenchTokens tokens = new BenchTokens(app);
		List<String> lines = new ArrayList<>(n);
		jdbc.query("SELECT id FROM delivery WHERE notice_id = ? ORDER BY id",
				rs -> {
					lines.add(tokens.confirmation(rs.getLong(1)));
				}, noticeId);
		Files.write(tokensFile, lines);
		return noticeId;
	}

	/**
	 * With QUESTIONS=1 the notice asks the safety question (the answer page's POST is
	 * measured, through MVC and its checks); otherwise nothing (the bare button).
	 */
	private static List<NoticeQuestion> questions() {
		if (!"1".equals(System.getenv("QUESTIONS"))) {
			return List.of();
		}
		return List.of(new NoticeQuestion(1, NoticeQuestion.Kind.SINGLE_CHOICE, "あなたの状況", List.of("無事", "負傷している", "支援が必要"),
				true, 200));
	}

}
