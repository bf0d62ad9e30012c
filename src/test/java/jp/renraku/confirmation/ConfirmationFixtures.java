package jp.renraku.confirmation;

import java.util.List;

import jp.renraku.mail.MailCatcher;
import jp.renraku.mail.MailCatcher.CaughtMail;
import jp.renraku.registration.RegistrationFixtures;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * What a recipient does with a notice's personal confirmation link, and what is recorded
 * of it: the link read from the mail catcher, the button pressed, the questions answered
 * — all without a session or a CSRF token, as from a mail program.
 */
@Component
public class ConfirmationFixtures {

	private final ObjectProvider<MockMvcTester> mvc;

	private final RegistrationFixtures registration;

	private final MailCatcher catcher;

	private final JdbcClient jdbc;

	/**
	 * MockMvc is asked for only when a link is pressed: the browser tests' application
	 * has none, but finds this factory too.
	 */
	ConfirmationFixtures(ObjectProvider<MockMvcTester> mvc, RegistrationFixtures registration, MailCatcher catcher,
			JdbcClient jdbc) {
		this.mvc = mvc;
		this.registration = registration;
		this.catcher = catcher;
		this.jdbc = jdbc;
	}

	/** The confirmation link (its path, /c/…) in the newest mail to the address. */
	public String link(String address) {
		return RegistrationFixtures.link(registration.mailTo(address), "/c/");
	}

	/**
	 * The confirmation link in the newest mail to the address whose subject has the
	 * words.
	 */
	public String link(String address, String subjectPart) {
		CaughtMail mail = catcher.caught()
			.stream()
			.filter(m -> m.to().contains(address) && m.subject().contains(subjectPart))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no mail to " + address + " about " + subjectPart));
		return RegistrationFixtures.link(mail, "/c/");
	}

	/** Presses the button of the link's page. */
	public MvcTestResult press(String link) {
		return answer(link);
	}

	/**
	 * Sends the link's page with the answers given as field, value, field, value, … (q1
	 * for the first question; a field twice for two choices).
	 */
	public MvcTestResult answer(String link, String... fieldsAndValues) {
		var request = mvc.getObject().post().uri(link);
		for (int i = 0; i < fieldsAndValues.length; i += 2) {
			request = request.param(fieldsAndValues[i], fieldsAndValues[i + 1]);
		}
		return request.exchange();
	}

	/** The notice's recorded answers as "position:answer", sorted. */
	public List<String> answers(long noticeId) {
		return jdbc.sql("SELECT position || ':' || answer FROM receipt_answer WHERE notice_id = :id ORDER BY 1")
			.param("id", noticeId)
			.query(String.class)
			.list();
	}

	/** How many receipts of the notice are recorded. */
	public long receipts(long noticeId) {
		return jdbc.sql("SELECT COUNT(*) FROM delivery_receipt WHERE notice_id = :id")
			.param("id", noticeId)
			.query(Long.class)
			.single();
	}

}
