package jp.renraku.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jp.renraku.common.ClientAddress;
import jp.renraku.common.InstallationSecret;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Slows down password guessing without letting anyone lock another person out (issue 12,
 * Art. 11, OWASP ASVS 5.0 V6.3): wrong attempts are counted per login ID and client. A
 * client that gets the password of an ID wrong three times waits a few seconds before the
 * next try, and after {@code maxFailures} it is refused for that ID for {@code duration};
 * other clients are not. Only guessing from many clients at once (more than
 * {@code accountMaxFailures} for one ID within {@code duration}) closes the ID to every
 * client, and even then not to the browsers its holder has signed in with before
 * ({@link KnownDevices}). Unknown IDs are counted the same way, so a refusal takes the
 * same work whether or not the ID exists.
 */
@Component
class SignInThrottle {

	/** Why an attempt is refused before its password is looked at, if it is. */
	enum Refusal {

		NONE, WAIT, CLIENT_LOCKED, ACCOUNT_LOCKED

	}

	/** What a wrong attempt locked. */
	enum Lock {

		NONE, CLIENT, ACCOUNT

	}

	/**
	 * Who is trying: a browser the account's holder signed in with before (by its device
	 * cookie), or else the network address.
	 */
	record Client(String key, boolean knownDevice) {

	}

	/** Failures after which each further try waits, doubling from two seconds. */
	static final int DELAY_AFTER = 3;

	private final SignInFailures failures;

	private final InstallationSecret secret;

	private final SignInProperties.Lockout policy;

	private final Clock clock;

	/** {@code renraku.signin.failures}: refused sign-ins, known IDs or not. */
	private final Counter refused;

	/** {@code renraku.signin.lockouts}: locks set, of one client or of every client. */
	private final Counter clientLocks;

	private final Counter accountLocks;

	SignInThrottle(SignInFailures failures, InstallationSecret secret, SignInProperties properties, Clock clock,
			MeterRegistry meters) {
		this.refused = Counter.builder("renraku.signin.failures").description("Refused sign-ins").register(meters);
		this.clientLocks = lockouts(meters, "client");
		this.accountLocks = lockouts(meters, "account");
		this.failures = failures;
		this.secret = secret;
		this.policy = properties.lockout();
		this.clock = clock;
	}

	private static Counter lockouts(MeterRegistry meters, String scope) {
		return Counter.builder("renraku.signin.lockouts")
			.description("Sign-in locks set by wrong attempts")
			.tag("scope", scope)
			.register(meters);
	}

	String loginKey(String normalizedLoginId) {
		return secret.keyedHash("sign-in-id", normalizedLoginId);
	}

	Client client(String address, Optional<String> knownDevice) {
		return knownDevice.map(device -> new Client("device:" + device, true))
			.orElseGet(() -> new Client("ip:" + secret.keyedHash("sign-in-client", ClientAddress.network(address)),
					false));
	}

	Refusal check(String loginKey, Client client, Instant now) {
		Map<String, SignInFailures.Counter> counters = failures.counters(loginKey, client.key());
		SignInFailures.Counter own = counters.get(client.key());
		SignInFailures.Counter all = counters.get(SignInFailures.ALL_CLIENTS);
		if (own != null && own.lockedAt(now)) {
			return Refusal.CLIENT_LOCKED;
		}
		if (!client.knownDevice() && all != null && all.lockedAt(now)) {
			return Refusal.ACCOUNT_LOCKED;
		}
		if (own != null && !own.windowStart().isBefore(now.minus(policy.duration()))
				&& own.lastFailure().plus(delay(own.failures())).isAfter(now)) {
			return Refusal.WAIT;
		}
		return Refusal.NONE;
	}

	/**
	 * How long a client waits after its n-th wrong attempt: 0, 0, 2 s, 4 s, 8 s … 1 min.
	 */
	static Duration delay(int failures) {
		if (failures < DELAY_AFTER) {
			return Duration.ZERO;
		}
		int doublings = Math.min(failures - DELAY_AFTER + 1, 6);
		return Duration.ofSeconds(Math.min(1L << doublings, 60));
	}

	/**
	 * Counts a refused attempt for the client and for all clients; says what it locked.
	 */
	Lock failed(String loginKey, Client client, Instant now) {
		Instant floor = now.minus(policy.duration());
		int own = failures.count(loginKey, client.key(), now, floor);
		int all = failures.count(loginKey, SignInFailures.ALL_CLIENTS, now, floor);
		Lock lock = Lock.NONE;
		refused.increment();
		if (own >= policy.maxFailures()) {
			failures.lock(loginKey, client.key(), now.plus(policy.duration()));
			clientLocks.increment();
			lock = Lock.CLIENT;
		}
		if (all >= policy.accountMaxFailures()) {
			failures.lock(loginKey, SignInFailures.ALL_CLIENTS, now.plus(policy.duration()));
			accountLocks.increment();
			lock = Lock.ACCOUNT;
		}
		return lock;
	}

	/** A successful sign-in forgets that client's failures (not the others'). */
	void succeeded(String loginKey, Client client) {
		failures.forget(loginKey, client.key());
	}

	/** An administrator's unlock: every lock and count of the ID goes. */
	void clear(String normalizedLoginId) {
		failures.forgetAll(loginKey(normalizedLoginId));
	}

	/** Which of these IDs have a lock in force for some client (for the staff pages). */
	Set<String> locked(Collection<String> loginIds) {
		Map<String, String> byKey = loginIds.stream()
			.distinct()
			.collect(Collectors.toMap(this::loginKey, Function.identity()));
		return failures.locked(byKey.keySet(), clock.instant())
			.stream()
			.map(byKey::get)
			.collect(Collectors.toUnmodifiableSet());
	}

	@Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
	void purge() {
		failures.purge(clock.instant().minus(policy.duration()));
	}

}
