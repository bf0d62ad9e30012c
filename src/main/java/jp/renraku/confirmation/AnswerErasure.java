package jp.renraku.confirmation;

import java.util.Collection;
import java.util.List;

import jp.renraku.common.PersonalDataErasure;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Answers (free text included) and replies of erased registrants go with them; what
 * remains of their deliveries is the confirmation time, with no words of theirs.
 */
@Component
class AnswerErasure implements PersonalDataErasure {

	private static final int CHUNK = 1000;

	private final JdbcClient jdbc;

	AnswerErasure(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void erase(Collection<Long> registrantIds) {
		List<Long> ids = List.copyOf(registrantIds);
		for (int from = 0; from < ids.size(); from += CHUNK) {
			List<Long> chunk = ids.subList(from, Math.min(from + CHUNK, ids.size()));
			jdbc.sql("""
					DELETE FROM receipt_answer
					WHERE delivery_id IN (SELECT id FROM delivery WHERE registrant_id IN (:ids))
					""").param("ids", chunk).update();
			jdbc.sql("DELETE FROM notice_reply WHERE registrant_id IN (:ids)").param("ids", chunk).update();
		}
	}

}
