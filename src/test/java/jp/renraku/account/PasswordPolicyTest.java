package jp.renraku.account;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordPolicyTest {

	private static final SignInProperties.PasswordRules CITY_RULES = new SignInProperties.PasswordRules(12, 128, 3,
			true, true, 5, Duration.ofDays(90));

	private final PasswordPolicy policy = new PasswordPolicy(CITY_RULES, CommonPasswords.load());

	private List<String> violations(String password) {
		return policy.check(password, "tanaka.taro").stream().map(PasswordPolicy.Violation::key).toList();
	}

	@Test
	void acceptsLongMixedPassword() {
		assertThat(violations("Sakura-saku-2026")).isEmpty();
	}

	@Test
	void refusesElevenCharactersAndAcceptsTwelve() {
		assertThat(violations("Abcdefgh-12")).containsExactly("password.rule.minLength");
		assertThat(violations("Abcdefgh-123")).isEmpty();
	}

	@Test
	void countsCodePointsNotCharsSoJapaneseIsMeasuredAsSeen() {
		// 11 visible characters but 12 Java chars: 𠮷 lies outside the BMP
		assertThat("𠮷野家Aa1-髙﨑①で").hasSize(12);
		assertThat(violations("𠮷野家Aa1-髙﨑①で")).containsExactly("password.rule.minLength");
		assertThat(violations("𠮷野家Aa1-髙﨑①です")).isEmpty();
	}

	@Test
	void acceptsSixtyFourAndMoreWithoutTruncationButRefusesAboveTheMaximum() {
		String sixtyFour = "Aa1-" + "x".repeat(60);
		assertThat(violations(sixtyFour)).isEmpty();
		assertThat(violations("Aa1-" + "y".repeat(124))).isEmpty();
		assertThat(violations("Aa1-" + "z".repeat(125))).containsExactly("password.rule.maxLength");
	}

	@Test
	void requiresThreeOfFourCharacterClasses() {
		assertThat(violations("onlylowercaseletters")).containsExactly("password.rule.classes");
		assertThat(violations("lowercase-and-symbols")).containsExactly("password.rule.classes");
		assertThat(violations("lower-symbols-digits-42")).isEmpty();
		assertThat(PasswordPolicy.characterClasses("Ａｂ１")).isEqualTo(3);
		assertThat(PasswordPolicy.characterClasses("ひらがなカタカナ漢字")).isZero();
	}

	@Test
	void refusesPasswordContainingTheLoginIdInAnyCase() {
		assertThat(violations("My-TANAKA.TARO-99")).containsExactly("password.rule.loginId");
	}

	@Test
	void refusesCommonPasswordsAndCommonPasswordsWithDigitsAdded() {
		assertThat(violations("Password123!")).containsExactly("password.rule.common");
		assertThat(violations("1234567890Qwertyuiop")).contains("password.rule.common");
		assertThat(violations("Iloveyou2026!!")).containsExactly("password.rule.common");
	}

	@Test
	void refusesControlCharacters() {
		assertThat(violations("Sakura-saku\n2026")).contains("password.rule.control");
	}

	@Test
	void everyRuleCanBeTurnedOffForModernGuidance() {
		PasswordPolicy modern = new PasswordPolicy(
				new SignInProperties.PasswordRules(15, 128, 0, false, true, 0, Duration.ZERO), CommonPasswords.load());
		assertThat(modern.check("correcthorsebatterystaple", "x")).isEmpty();
		assertThat(modern.check("tanaka.taro-long-phrase", "tanaka.taro")).isEmpty();
	}

	@Test
	void temporaryPasswordsAlwaysPassTheCityRules() {
		TemporaryPasswords generator = new TemporaryPasswords();
		for (int i = 0; i < 200; i++) {
			String password = generator.next();
			assertThat(policy.check(password, "admin")).as(password).isEmpty();
		}
	}

}
