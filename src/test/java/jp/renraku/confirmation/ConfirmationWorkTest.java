package jp.renraku.confirmation;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jp.renraku.RenrakuIntegrationTest;
import jp.renraku.StatementRecording;
import jp.renraku.delivery.DeliveryId;
import jp.renraku.notice.NoticeFixtures;
import jp.renraku.notice.NoticeFixtures.Sending;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The button's short path stays cheap while refusing the presses of people who stopped:
 * whether the recipients still exist is asked once per group of presses, in the same
 * breath as the group's deliveries, never once per press.
 */
@RenrakuIntegrationTest
@Import(StatementRecording.class)
class ConfirmationWorkTest {

	@Autowired
	NoticeFixtures notices;

	@Autowired
	ReceiptWriter writer;

	@Autowired
	JdbcClient jdbc;

	@Test
	void whetherRecipientsStillExistIsOneStatementPerGroupOfPresses() throws Exception {
		Sending sending = notices.sending(NoticeFixtures.residents("a@example.jp", "b@example.jp", "c@example.jp",
				"d@example.jp", "e@example.jp", "f@example.jp"));
		long id = notices.draft(sending).subject("一斉").askConfirmation().send();
		List<Long> deliveries = jdbc.sql("SELECT id FROM delivery WHERE notice_id = :id ORDER BY id")
			.param("id", id)
			.query(Long.class)
			.list();
		ExecutorService pool = Executors.newFixedThreadPool(12);
		StatementRecording.STATEMENTS.clear();
		StatementRecording.recording = true;
		try {
			List<Future<PressOutcome>> presses = new ArrayList<>();
			for (int i = 0; i < 60; i++) {
				long delivery = deliveries.get(i % deliveries.size());
				presses.add(pool.submit(() -> writer.press(DeliveryId.of(delivery), null).outcome()));
			}
			for (var press : presses) {
				assertThat(press.get()).isIn(PressOutcome.RECORDED, PressOutcome.ALREADY);
			}
		}
		finally {
			StatementRecording.recording = false;
			pool.shutdownNow();
		}
		List<String> statements = List.copyOf(StatementRecording.STATEMENTS);
		long groups = statements.stream()
			.filter(sql -> sql.contains("FROM delivery d LEFT JOIN delivery o ON o.id = d.origin_id WHERE d.id IN"))
			.count();
		long registrantLookups = statements.stream()
			.filter(sql -> sql.startsWith("SELECT id FROM registrant WHERE id IN"))
			.count();
		assertThat(groups).isBetween(1L, 60L);
		assertThat(registrantLookups).as("one per group, however many presses it holds").isEqualTo(groups);
	}

}
