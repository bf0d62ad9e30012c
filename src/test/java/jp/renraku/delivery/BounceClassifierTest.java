package jp.renraku.delivery;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules, one failure class of issue 15 per row: the reply's wording first, then its
 * enhanced code, then {@code Status:}; sender-side codes and bare reply codes never stop
 * the address; the SMTP command and "try again" temper a verdict.
 */
class BounceClassifierTest {

	private static BounceReason dsn(@Nullable String status, @Nullable String diagnostic, @Nullable String command,
			@Nullable String reporter) {
		return BounceClassifier.classify(new BounceEvidence(BounceEvidence.Format.DSN, status, diagnostic, command,
				"failed", reporter, "Undelivered Mail Returned to Sender", null));
	}

	@ParameterizedTest(name = "{0} + {1} → {4}")
	@CsvSource(delimiter = '|', nullValues = "-",
			textBlock = """
							5.1.7 | 553 5.1.7 <(宛先)>: Sender address rejected: not owned by user | - | - | SENDER_REJECTED
							5.1.8 | 553 5.1.8 <(宛先)>: Sender address rejected: Domain not found | RCPT | - | SENDER_REJECTED
							5.1.0 | 550 5.1.0 Sender address rejected | - | - | SENDER_REJECTED
							5.1.1 | 550 Domain of sender address (宛先) does not exist | - | - | SENDER_REJECTED
							5.1.1 | 550 5.1.1 <(宛先)>: User unknown | MAIL | - | SENDER_REJECTED
							5.1.1 | 552 5.2.2 Over quota | - | - | MAILBOX_FULL
							5.1.1 | 550 5.7.1 IP address blacklisted | - | - | BLOCKED
							5.1.1 | 550 5.7.1 Requested action not taken | - | - | POLICY
							5.0.0 | 550 5.1.1 User unknown | RCPT | - | USER_UNKNOWN
							5.5.0 | 550 5.1.1 <(宛先)>: Recipient address rejected: User unknown in local recipient table | RCPT | - | USER_UNKNOWN
							5.3.0 | 550 5.1.1 User unknown | - | - | USER_UNKNOWN
							5.4.1 | 550 5.1.1 User unknown | - | - | USER_UNKNOWN
							5.0.0 | 550 Access denied | - | - | BLOCKED
							5.0.0 | 550 blocked by ldap:CN=x | - | - | BLOCKED
							5.0.0 | 553 invalid RDNS | - | - | BLOCKED
							5.0.0 | 550 Blacklisted URL in message | - | - | CONTENT
							5.0.0 | 550 too many recipients this hour | - | - | RATE_LIMITED
							5.0.0 | 550 over quota temporarily (#5.1.1) | - | - | MAILBOX_FULL
							5.0.0 | 550 Requested action not taken | - | - | UNDEFINED
							- | 553 sorry | - | - | UNDEFINED
							5.4.4 | Host or domain name not found. Name service error for name=(宛先) type=A: Host not found | - | - | HOST_UNKNOWN
							5.4.4 | - | - | - | HOST_UNKNOWN
							4.4.3 | Host or domain name not found. Name service error: Host not found, try again | - | - | SYSTEM_ERROR
							5.1.1 | 550 : User unknown | RCPT | ezweb.ne.jp | FILTERED
							5.0.0 | 550 <(宛先)>: User unknown | RCPT | ezweb.ne.jp | USER_UNKNOWN
							5.2.0 | - | - | docomo.ne.jp | FILTERED
							5.0.0 | 550 Unknown user (宛先) | DATA | mfsmax.docomo.ne.jp | FILTERED
					5.0.0 | 554 delivery error: dd This user doesn't have a yahoo.co.jp account | DATA | mx.mail.yahoo.co.jp | USER_UNKNOWN
							5.0.0 | 550 Unknown user (宛先) | RCPT | - | USER_UNKNOWN
							5.2.1 | 550 5.2.1 The email account that you tried to reach is disabled | - | - | SUSPENDED
							4.1.1 | 450 4.1.1 <(宛先)>: Recipient address rejected: unverified address | - | - | SYSTEM_ERROR
							""")
	void readsTheReasonTheWayAPostmasterWould(@Nullable String status, @Nullable String diagnostic,
			@Nullable String command, @Nullable String reporter, BounceReason expected) {
		assertThat(dsn(status, diagnostic, command, reporter)).isEqualTo(expected);
	}

}
