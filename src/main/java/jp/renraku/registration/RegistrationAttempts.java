package jp.renraku.registration;

import java.time.Duration;

import jp.renraku.common.ClientAddress;
import jp.renraku.common.RateLimit;
import jp.renraku.common.RateLimits;
import org.springframework.stereotype.Component;

/**
 * Limits on the public registration form (issue 12). Wrong registration passwords are
 * counted per client and list, so one machine cannot guess; when a list gets more wrong
 * passwords from everyone than {@code passwordsPerList}, it is being guessed from many
 * machines, and each client may then try only a few times (slowed, not closed: a new
 * resident with the right password still gets in; the operations managers are told once
 * per window). Confirmation mails are limited per client here and per address in the
 * database ({@link RegistrationManagement#requestSignup}).
 * <p>
 * The counts are city-wide (issue 18): they are {@link RateLimits} in the database every
 * node shares, so several nodes allow what one allows, and the report of a guessed list
 * is taken by one node for the whole city (a conditional update). Why a table of our own
 * rather than Bucket4j's PostgreSQL store: {@link RateLimits}. Checking a password costs
 * one statement; a wrong one three more (the client, the list, whether to report), each
 * one row by primary key.
 */
@Component
class RegistrationAttempts {

	private final RegistrationLimits limits;

	private final RateLimits rates;

	private final RateLimit perClient;

	private final RateLimit perList;

	private final RateLimit mailsPerClient;

	RegistrationAttempts(RegistrationLimits limits, RateLimits rates) {
		this.limits = limits;
		this.rates = rates;
		this.perClient = new RateLimit("registration-password-client", limits.passwordsPerClient(), limits.window());
		this.perList = new RateLimit("registration-password-list", limits.passwordsPerList(), limits.window());
		this.mailsPerClient = new RateLimit("registration-mail-client", limits.mailsPerClient(), Duration.ofHours(1));
	}

	/** Whether the client may have another registration password checked now. */
	boolean allowed(long listId, String client) {
		int[] used = rates.used(client(listId, client), list(listId));
		boolean guessed = used[1] >= limits.passwordsPerList();
		int allowance = guessed ? limits.passwordsPerClientWhileGuessed() : limits.passwordsPerClient();
		return used[0] < allowance;
	}

	/**
	 * Counts a wrong password; true when this one shows the list is being guessed from
	 * many clients and that has not been reported within the window, on any node.
	 */
	boolean failed(long listId, String client) {
		rates.count(client(listId, client));
		rates.count(list(listId));
		return rates.firstToReport(list(listId), limits.window());
	}

	/** Whether the client may ask for one more confirmation mail now (and counts it). */
	boolean mailAllowed(String client) {
		return rates.take(mailsPerClient.of(ClientAddress.network(client)));
	}

	private RateLimit.Counter client(long listId, String client) {
		return perClient.of(listId + " " + ClientAddress.network(client));
	}

	private RateLimit.Counter list(long listId) {
		return perList.of(Long.toString(listId));
	}

	/** For tests: forget every count. */
	void reset() {
		rates.forget(perClient);
		rates.forget(perList);
		rates.forget(mailsPerClient);
	}

}
