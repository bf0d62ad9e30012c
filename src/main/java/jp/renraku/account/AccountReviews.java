package jp.renraku.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jp.renraku.common.RenrakuProperties;
import jp.renraku.common.Staff;
import org.springframework.stereotype.Component;

/**
 * Art. 11-1-2: the periodic review of the accounts an actor oversees, for accounts that
 * are no longer used, whose password is past its maximum age, or whose holder has left.
 */
@Component
class AccountReviews {

	private final Accounts accounts;

	private final SignInProperties properties;

	private final SignInThrottle throttle;

	private final Clock clock;

	private final ZoneId zone;

	AccountReviews(Accounts accounts, SignInProperties properties, SignInThrottle throttle, Clock clock,
			RenrakuProperties renraku) {
		this.accounts = accounts;
		this.properties = properties;
		this.throttle = throttle;
		this.clock = clock;
		this.zone = renraku.timeZone();
	}

	/**
	 * Never signed in counts from creation; the actor's own account and retired ones are
	 * left out.
	 */
	AccountReview review(Staff actor, int unusedDays) {
		Instant now = clock.instant();
		Instant unusedSince = now.minus(Duration.ofDays(unusedDays));
		Duration maxAge = properties.password().maxAge();
		LocalDate today = LocalDate.ofInstant(now, zone);
		List<StaffAccount> unused = new ArrayList<>();
		List<StaffAccount> expired = new ArrayList<>();
		List<StaffAccount> leaving = new ArrayList<>();
		List<Account> found = actor.isSystemAdmin() ? accounts.all() : accounts.inBody(actor.requireBody());
		Set<String> locked = throttle.locked(found.stream().map(a -> a.loginId).toList());
		for (Account a : found) {
			if (a.state == AccountState.RETIRED || a.id == actor.accountId()) {
				continue;
			}
			StaffAccount shown = StaffAccount.of(a, locked.contains(a.loginId));
			Instant lastUse = a.lastSignInAt != null ? a.lastSignInAt : a.createdAt;
			if (lastUse.isBefore(unusedSince)) {
				unused.add(shown);
			}
			if (!a.passwordTemporary && a.mustChangePassword(now, maxAge)) {
				expired.add(shown);
			}
			if (a.leavesOn != null && !a.leavesOn.isAfter(today)) {
				leaving.add(shown);
			}
		}
		return new AccountReview(unused, expired, leaving);
	}

}
