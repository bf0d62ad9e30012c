package jp.renraku.account;

import java.util.List;

/**
 * Art. 11-1-2: the findings of an account review.
 *
 * @param unused not signed in for the chosen number of days (or never, since creation)
 * @param passwordExpired password older than the maximum age
 * @param pastLeaving still active after the day their holder was to leave
 */
public record AccountReview(List<StaffAccount> unused, List<StaffAccount> passwordExpired,
		List<StaffAccount> pastLeaving) {

	public boolean empty() {
		return unused.isEmpty() && passwordExpired.isEmpty() && pastLeaving.isEmpty();
	}

}
