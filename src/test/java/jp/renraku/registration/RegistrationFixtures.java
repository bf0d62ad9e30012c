package jp.renraku.registration;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jp.renraku.account.StaffFixtures;
import jp.renraku.account.StaffFixtures.TestStaff;
import jp.renraku.common.InstallationSecret;
import jp.renraku.common.Language;
import jp.renraku.mail.MailCatcher;
import org.springframework.stereotype.Component;

/**
 * Test-data factory for lists, and helpers to read what residents receive in the mail
 * catcher.
 */
@Component
public class RegistrationFixtures {

	private final RegistrationManagement registration;

	private final MailCatcher catcher;

	private final RegistrationAttempts attempts;

	private final SignupRequests signups;

	private final Registrants registrants;

	RegistrationFixtures(RegistrationManagement registration, MailCatcher catcher, RegistrationAttempts attempts,
			SignupRequests signups, Registrants registrants) {
		this.registrants = registrants;
		this.registration = registration;
		this.catcher = catcher;
		this.attempts = attempts;
		this.signups = signups;
	}

	/**
	 * A registrant made through the same confirmation path a resident takes; returns its
	 * id.
	 */
	public long registrant(RegistrationList list, String email, String name, String affiliation) {
		return registrant(list, email, name, affiliation, Map.of());
	}

	/**
	 * As above, with answers to the list's own questions (several answers of a
	 * multiple-choice question one per line).
	 */
	public long registrant(RegistrationList list, String email, String name, String affiliation,
			Map<Long, String> answers) {
		return registrant(list, email, name, affiliation, answers, Language.JA);
	}

	/** A registrant who reads Renraku in that language; returns its id. */
	public long registrantIn(RegistrationList list, String email, String name, Language language) {
		return registrant(list, email, name, "1年1組", Map.of(), language);
	}

	private long registrant(RegistrationList list, String email, String name, String affiliation,
			Map<Long, String> answers, Language language) {
		String token = InstallationSecret.randomToken(16);
		Instant now = Instant.now();
		signups.insert(list.id(), InstallationSecret.sha256(token), email, now.plusSeconds(3600), now);
		var request = registration.confirmation(list, token).orElseThrow();
		registration.register(list, request,
				new RegistrantDetails(name, "ふりがな", null, null, affiliation, null, List.of(), answers), language);
		return registrants.idByEmail(list.id(), email).orElseThrow();
	}

	/**
	 * A registrant who chose the categories, made as
	 * {@link #registrant(RegistrationList, String, String, String)}; returns its id.
	 */
	public long registrantChoosing(RegistrationList list, String email, String name, List<Long> categoryIds) {
		String token = InstallationSecret.randomToken(16);
		Instant now = Instant.now();
		signups.insert(list.id(), InstallationSecret.sha256(token), email, now.plusSeconds(3600), now);
		var request = registration.confirmation(list, token).orElseThrow();
		registration.register(list, request,
				new RegistrantDetails(name, "ふりがな", null, null, "1年1組", null, categoryIds, Map.of()), Language.JA);
		return registrants.idByEmail(list.id(), email).orElseThrow();
	}

	/**
	 * A list whose categories are the mandatory ones given, then 気象警報, 避難情報 and 防犯 to
	 * choose from.
	 */
	public RegistrationList listWithMandatory(TestStaff manager, String... mandatory) {
		ListRules rules = rules(StaffFixtures.unique("必須"), Verification.NONE);
		List<String> categories = new ArrayList<>(List.of(mandatory));
		categories.addAll(rules.categories());
		long id = registration.createList(manager.staff(),
				new ListRules(rules.name(), rules.purpose(), rules.periodStart(), rules.periodEnd(),
						rules.urlManagement(), rules.eligibility(), rules.verification(), rules.verificationNote(),
						rules.deletionCriteria(), rules.disclaimer(), rules.collectName(), rules.collectFurigana(),
						rules.collectAddress(), rules.collectAffiliation(), rules.collectPhone(),
						rules.affiliationLabel(), rules.affiliationOptions(), categories, List.of(mandatory),
						rules.retentionDays(), rules.customFields()));
		return registration.list(manager.staff(), id);
	}

	static ListRules rules(String name, Verification verification) {
		return new ListRules(name, "防災情報をお知らせするため", LocalDate.now().minusDays(1), null, "登録URLとパスワードは学校から文書で配布します",
				"市内在住・在勤の方", verification, null, "利用規程に反する使い方\n登録者が対象でなくなったとき", "通信事情による遅延について責任を負いません", true, true,
				false, true, false, "学年・組", List.of("1年1組", "1年2組"), List.of("気象警報", "避難情報", "防犯"), 30,
				List.of(new ListRules.FieldRule(null, "連絡してほしい時間帯", FieldKind.SINGLE_CHOICE, List.of("昼", "夜"),
						false)));
	}

	public RegistrationList list(TestStaff manager) {
		return list(manager, Verification.NONE);
	}

	public RegistrationList list(TestStaff manager, Verification verification) {
		long id = registration.createList(manager.staff(), rules(StaffFixtures.unique("防災"), verification));
		return registration.list(manager.staff(), id);
	}

	/** The newest mail to the address, or a failure. */
	public MailCatcher.CaughtMail mailTo(String address) {
		return catcher.caught()
			.stream()
			.filter(mail -> mail.to().stream().anyMatch(to -> to.equalsIgnoreCase(address)))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no mail to " + address));
	}

	public long mailsTo(String address) {
		return catcher.caught().stream().filter(mail -> mail.to().contains(address)).count();
	}

	/** The first link in a mail's text that starts with the prefix. */
	public static String link(MailCatcher.CaughtMail mail, String pathPrefix) {
		Matcher m = Pattern.compile("https?://[^\\s/]+(" + Pattern.quote(pathPrefix) + "[^\\s]*)").matcher(mail.body());
		if (!m.find()) {
			throw new AssertionError("no link " + pathPrefix + " in: " + mail.body());
		}
		return m.group(1);
	}

	public void resetAttempts() {
		attempts.reset();
	}

}
