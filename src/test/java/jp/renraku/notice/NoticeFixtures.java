package jp.renraku.notice;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jp.renraku.account.StaffFixtures;
import jp.renraku.account.StaffFixtures.TestStaff;
import jp.renraku.delivery.Outbox;
import jp.renraku.mail.MailCatcher;
import jp.renraku.registration.RegistrationFixtures;
import jp.renraku.registration.RegistrationList;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * Test-data factory for notices, made as a sender makes them: the form of the new-notice
 * page filled in and saved, released with the notice page's button, sent with the
 * {@link Outbox}; and the people who send and receive them.
 */
@Component
public class NoticeFixtures {

	private final ObjectProvider<MockMvcTester> mvc;

	private final StaffFixtures staff;

	private final RegistrationFixtures registration;

	private final Outbox outbox;

	private final MailCatcher catcher;

	private final JdbcClient jdbc;

	/**
	 * MockMvc is asked for only when a notice is made: the browser tests' application has
	 * none, but finds this factory too.
	 */
	NoticeFixtures(ObjectProvider<MockMvcTester> mvc, StaffFixtures staff, RegistrationFixtures registration,
			Outbox outbox, MailCatcher catcher, JdbcClient jdbc) {
		this.mvc = mvc;
		this.staff = staff;
		this.registration = registration;
		this.outbox = outbox;
		this.catcher = catcher;
		this.jdbc = jdbc;
	}

	/**
	 * Someone who will get the notices: the part of the address after a unique prefix (so
	 * {@code "a@example.jp"} becomes {@code "<prefix>.a@example.jp"}), a name and an
	 * affiliation.
	 */
	public record Resident(String mailbox, String name, String affiliation) {
	}

	/**
	 * Who sends and to whom: a new body's operations manager, a sender of theirs, and a
	 * list of theirs whose registrants have the addresses, in order.
	 */
	public record Sending(TestStaff manager, TestStaff sender, RegistrationList list, List<String> addresses) {
	}

	public static Resident resident(String mailbox, String name, String affiliation) {
		return new Resident(mailbox, name, affiliation);
	}

	/**
	 * Three registrants: two of 1年1組, one of them on a carrier phone with the dots at
	 * either end of the mailbox that older carriers allowed and a name with characters
	 * outside JIS X 0208; and one of 1年2組.
	 */
	public static Resident[] threeRegistrants() {
		return new Resident[] { resident("a@example.jp", "青木 一郎", "1年1組"),
				resident(".b.@docomo.ne.jp", "髙橋 﨑子", "1年1組"), resident("c@example.jp", "佐藤 三郎", "1年2組") };
	}

	/** Residents at the mailboxes, each 「登録者」 of 1年1組. */
	public static Resident[] residents(String... mailboxes) {
		return Arrays.stream(mailboxes).map(mailbox -> resident(mailbox, "登録者", "1年1組")).toArray(Resident[]::new);
	}

	/**
	 * A new body's manager and sender and a list with the residents registered; what was
	 * waiting in the outbox is sent first, and the mail catcher is emptied last (the
	 * welcome mails of registration are not what notice tests look at).
	 */
	public Sending sending(Resident... residents) {
		outbox.sendDueNow();
		TestStaff manager = staff.manager(staff.body());
		TestStaff sender = staff.sender(manager);
		RegistrationList list = registration.list(manager);
		String prefix = StaffFixtures.unique("n");
		List<String> addresses = new ArrayList<>();
		for (Resident resident : residents) {
			String address = prefix + "." + resident.mailbox();
			registration.registrant(list, address, resident.name(), resident.affiliation());
			addresses.add(address);
		}
		catcher.clear();
		return new Sending(manager, sender, list, List.copyOf(addresses));
	}

	/** A new notice of the sender's to the list, as the form starts it. */
	public Draft draft(Sending sending) {
		return draft(sending.sender(), sending.list());
	}

	/**
	 * A new notice of the writer's to the list: subject 「お知らせ」 and text 「本文」 until told
	 * otherwise, no questions, not an emergency.
	 */
	public Draft draft(TestStaff writer, RegistrationList list) {
		return new Draft(writer).subject("お知らせ").text("本文").field("listIds", String.valueOf(list.id()));
	}

	/**
	 * A safety confirmation of the sender's to the list: a required choice 「あなたの状況」 (無事,
	 * 負傷している, 支援が必要), a free text 「伝えたいこと」 of at most 50 characters, and a third slot
	 * left blank, which is no question.
	 */
	public Draft safetyDraft(Sending sending) {
		return draft(sending).subject("地震の安否確認")
			.text("{{氏名}} 様\n{{受信確認リンク}}")
			.fields("questions[0].label", "あなたの状況", "questions[0].kind", "SINGLE_CHOICE", "questions[0].options",
					"無事\n負傷している\n支援が必要", "questions[0].required", "true", "questions[0].maxLength", "200",
					"questions[1].label", "伝えたいこと", "questions[1].kind", "TEXT", "questions[1].maxLength", "50",
					"questions[2].label", "", "questions[2].kind", "SINGLE_CHOICE", "questions[2].maxLength", "200");
	}

	/** Presses the notice page's release button as the staff member. */
	public MvcTestResult release(TestStaff who, long noticeId) {
		return post(who, "/notices/" + noticeId + "/release");
	}

	/** Releases the saved notice as the staff member and sends it to the mail catcher. */
	public void send(TestStaff who, long noticeId) {
		assertThat(release(who, noticeId)).as("released").hasStatus3xxRedirection();
		outbox.sendDueNow();
	}

	/** Turns the body's approval rule on, as its operations manager. */
	public MvcTestResult requireApproval(TestStaff manager) {
		return post(manager, "/notices/approval-setting", "required", "true");
	}

	/** The state the notice is in (DRAFT, RELEASED...). */
	public String state(long noticeId) {
		return jdbc.sql("SELECT state FROM notice WHERE id = :id").param("id", noticeId).query(String.class).single();
	}

	/**
	 * The id at the end of the address a page redirected to (a new notice, a reminder, an
	 * export request).
	 */
	public static long idOf(MvcTestResult redirected) {
		String location = redirected.getResponse().getRedirectedUrl();
		assertThat(location).as("redirected").isNotNull();
		return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
	}

	private MvcTestResult post(TestStaff who, String uri, String... fields) {
		var request = mvc.getObject().post().uri(uri).with(who.signedIn()).with(csrf());
		for (int i = 0; i < fields.length; i += 2) {
			request = request.param(fields[i], fields[i + 1]);
		}
		return request.exchange();
	}

	/** The new-notice form as it is being filled in. */
	public final class Draft {

		private final TestStaff writer;

		private final Map<String, String[]> fields = new LinkedHashMap<>();

		private Draft(TestStaff writer) {
			this.writer = writer;
		}

		public Draft subject(String subject) {
			return field("subject", subject);
		}

		public Draft text(String text) {
			return field("text", text);
		}

		public Draft emergency() {
			return field("emergency", "true");
		}

		public Draft askConfirmation() {
			return field("askConfirmation", "true");
		}

		public Draft trackOpens() {
			return field("trackOpens", "true");
		}

		/**
		 * Sets a field of the form (several values for a list), in place of any before.
		 */
		public Draft field(String name, String... values) {
			fields.put(name, values);
			return this;
		}

		/** Sets fields given as name, value, name, value, … */
		public Draft fields(String... namesAndValues) {
			for (int i = 0; i < namesAndValues.length; i += 2) {
				field(namesAndValues[i], namesAndValues[i + 1]);
			}
			return this;
		}

		/** Posts the form and returns the page's answer. */
		public MvcTestResult post() {
			var request = mvc.getObject().post().uri("/notices/new").with(writer.signedIn()).with(csrf());
			for (Map.Entry<String, String[]> field : fields.entrySet()) {
				request = request.param(field.getKey(), field.getValue());
			}
			return request.exchange();
		}

		/** Saves the draft; returns its id. */
		public long save() {
			MvcTestResult saved = post();
			assertThat(saved).as("saved").hasStatus3xxRedirection();
			return idOf(saved);
		}

		/** Saves and releases it; returns its id. */
		public long release() {
			long id = save();
			assertThat(NoticeFixtures.this.release(writer, id)).as("released").hasStatus3xxRedirection();
			return id;
		}

		/** Saves, releases and sends it to the mail catcher; returns its id. */
		public long send() {
			long id = release();
			outbox.sendDueNow();
			return id;
		}

	}

}
