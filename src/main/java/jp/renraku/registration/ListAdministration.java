package jp.renraku.registration;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import jp.renraku.audit.AuditAction;
import jp.renraku.audit.AuditTrail;
import jp.renraku.common.InstallationSecret;
import jp.renraku.common.NotFoundException;
import jp.renraku.common.Staff;
import org.springframework.stereotype.Component;

/**
 * The operations manager's work on their body's lists: rules, registration password,
 * opening and closing, the address for empty mail. Reached through
 * {@link RegistrationManagement}, which holds the transactions; another body's list is
 * not found.
 */
@Component
class ListAdministration {

	private static final String PASSWORD_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

	private final Lists lists;

	private final AuditTrail audit;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	ListAdministration(Lists lists, AuditTrail audit, Clock clock) {
		this.lists = lists;
		this.audit = audit;
		this.clock = clock;
	}

	List<RegistrationList> lists(Staff staff) {
		return lists.ofBody(staff.requireBody());
	}

	/** The tenancy guard for lists: another body's list is not found. */
	RegistrationList list(Staff staff, long listId) {
		return lists.find(listId, staff.requireBody()).orElseThrow(() -> new NotFoundException("list " + listId));
	}

	boolean nameTaken(Staff staff, String name, long exceptId) {
		return lists.nameTaken(staff.requireBody(), name, exceptId);
	}

	long create(Staff staff, ListRules rules) {
		long body = staff.requireBody();
		long id = lists.insert(body, rules, InstallationSecret.randomToken(24), newShortCode(),
				newRegistrationPassword(), clock.instant());
		audit.record(AuditAction.LIST_CREATED, body, "list:" + id, rules.name());
		return id;
	}

	void update(Staff staff, long listId, ListRules rules) {
		RegistrationList list = list(staff, listId);
		lists.update(list.id(), list.bodyId(), rules, clock.instant());
		audit.record(AuditAction.LIST_UPDATED, list.bodyId(), "list:" + listId, rules.name());
	}

	/**
	 * The code of the list's short registration URL; it stays when the password changes,
	 * because the URL is printed and the password is the secret.
	 */
	String shortCode(Staff staff, long listId) {
		return lists.shortCode(list(staff, listId).id());
	}

	/** Art. 7-3: a new registration password; the old one stops working at once. */
	void rotatePassword(Staff staff, long listId) {
		RegistrationList list = list(staff, listId);
		lists.setPassword(list.id(), list.bodyId(), newRegistrationPassword(), clock.instant());
		audit.record(AuditAction.LIST_PASSWORD_ROTATED, list.bodyId(), "list:" + listId, null);
	}

	void setRegistrationOpen(Staff staff, long listId, boolean open) {
		RegistrationList list = list(staff, listId);
		lists.setOpen(list.id(), list.bodyId(), open, clock.instant());
		audit.record(open ? AuditAction.LIST_OPENED : AuditAction.LIST_CLOSED, list.bodyId(), "list:" + listId, null);
	}

	Optional<String> mailCode(Staff staff, long listId) {
		return lists.mailCode(list(staff, listId).id());
	}

	/**
	 * Gives the list a registration address for empty mail (a new random code), or takes
	 * it away; an old address stops working at once.
	 */
	void setMailEntry(Staff staff, long listId, boolean on) {
		RegistrationList list = list(staff, listId);
		byte[] code = new byte[6];
		random.nextBytes(code);
		lists.setMailCode(list.id(), on ? HexFormat.of().formatHex(code) : null);
		audit.record(AuditAction.LIST_UPDATED, list.bodyId(), "list:" + list.id(),
				on ? "mail entry address issued" : "mail entry address removed");
	}

	/**
	 * A random short code no list has. With 31^8 codes a collision is most unlikely; the
	 * check makes it impossible short of two lists made in the same instant, which the
	 * unique index refuses.
	 */
	private String newShortCode() {
		for (int attempt = 0; attempt < 20; attempt++) {
			String code = ShortCodes.random();
			if (!lists.shortCodeTaken(code)) {
				return code;
			}
		}
		throw new IllegalStateException("no free short code after 20 attempts");
	}

	private String newRegistrationPassword() {
		StringBuilder password = new StringBuilder(9);
		for (int i = 0; i < 8; i++) {
			if (i == 4) {
				password.append('-');
			}
			password.append(PASSWORD_ALPHABET.charAt(random.nextInt(PASSWORD_ALPHABET.length())));
		}
		return password.toString();
	}

}
