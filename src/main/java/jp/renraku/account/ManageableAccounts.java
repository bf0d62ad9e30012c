package jp.renraku.account;

import java.util.Optional;

import jp.renraku.common.NotFoundException;
import jp.renraku.common.Role;
import jp.renraku.common.Staff;
import org.springframework.stereotype.Component;

/**
 * Which accounts an actor may manage: the system administrator every account, an
 * operations manager the senders of their own body (Art. 4-2-2). Any other account is
 * simply not found, so that nobody learns what another body holds.
 */
@Component
class ManageableAccounts {

	private final Accounts accounts;

	ManageableAccounts(Accounts accounts) {
		this.accounts = accounts;
	}

	/** The account, if the actor may manage it; otherwise 404. */
	Account require(Staff actor, long accountId) {
		Optional<Account> found = switch (actor.role()) {
			case SYSTEM_ADMIN -> accounts.find(accountId);
			case OPERATIONS_MANAGER ->
				accounts.findInBody(accountId, actor.requireBody()).filter(a -> a.role == Role.SENDER);
			case SENDER -> Optional.empty();
		};
		return found.orElseThrow(() -> new NotFoundException("account " + accountId));
	}

	static void requireSystemAdmin(Staff actor) {
		if (!actor.isSystemAdmin()) {
			throw new AccountException("account.error.notAllowed");
		}
	}

}
