package jp.renraku.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import jp.renraku.common.ClientAddress;
import jp.renraku.common.CurrentStaff;
import jp.renraku.common.RenrakuProperties;
import jp.renraku.common.Staff;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The audit trail's API. Entries join the caller's transaction, so a change and its audit
 * entry are stored together or not at all.
 */
@Service
public class AuditTrail {

	/** Entries per page on the audit pages. */
	public static final int PAGE_SIZE = 50;

	private final AuditEntries entries;

	private final Clock clock;

	private final RenrakuProperties properties;

	AuditTrail(AuditEntries entries, Clock clock, RenrakuProperties properties) {
		this.entries = entries;
		this.clock = clock;
		this.properties = properties;
	}

	/** Records an action by the staff member signed in on this thread. */
	@Transactional
	public void record(AuditAction action, @Nullable Long bodyId, @Nullable String target, @Nullable String detail) {
		Staff actor = CurrentStaff.get();
		append(action, actor == null ? null : actor.accountId(), actor == null ? null : actor.loginId(), bodyId, target,
				detail);
	}

	/**
	 * Records an action whose actor is not (yet) signed in: sign-in attempts, lockouts.
	 * The login ID is the one typed, whether or not such an account exists.
	 */
	@Transactional
	public void recordFor(@Nullable Long actorAccountId, String actorLoginId, AuditAction action, @Nullable Long bodyId,
			@Nullable String target, @Nullable String detail) {
		append(action, actorAccountId, actorLoginId, bodyId, target, detail);
	}

	private void append(AuditAction action, @Nullable Long actorAccountId, @Nullable String actorLoginId,
			@Nullable Long bodyId, @Nullable String target, @Nullable String detail) {
		AuditEntries.Head head = entries.lockHead();
		Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
		AuditEntry unsigned = new AuditEntry(head.lastSeq() + 1, now, actorAccountId, clip(actorLoginId, 64), bodyId,
				action, clip(target, 200), clip(detail, 1000), clip(ClientAddress.current(), 64), head.lastHash(), "");
		AuditEntry entry = new AuditEntry(unsigned.seq(), unsigned.occurredAt(), unsigned.actorAccountId(),
				unsigned.actorLoginId(), unsigned.bodyId(), unsigned.action(), unsigned.target(), unsigned.detail(),
				unsigned.clientAddress(), unsigned.prevHash(), unsigned.computeHash());
		entries.append(entry);
	}

	/**
	 * Walks the whole chain and reports the first entry that does not fit: a changed
	 * field, a missing predecessor, or a head that does not point at the last entry.
	 */
	@Transactional(readOnly = true)
	public AuditVerification verify() {
		AtomicLong checked = new AtomicLong();
		AtomicReference<String> previousHash = new AtomicReference<>(AuditHashing.GENESIS);
		AtomicReference<@Nullable Long> broken = new AtomicReference<>();
		entries.forEachInOrder(entry -> {
			if (broken.get() != null) {
				return;
			}
			long expectedSeq = checked.incrementAndGet();
			if (entry.seq() != expectedSeq || !entry.prevHash().equals(previousHash.get())
					|| !entry.entryHash().equals(entry.computeHash())) {
				broken.set(Math.min(entry.seq(), expectedSeq));
				return;
			}
			previousHash.set(entry.entryHash());
		});
		if (broken.get() == null) {
			AuditEntries.Head head = entries.head();
			if (head.lastSeq() != checked.get() || !head.lastHash().equals(previousHash.get())) {
				broken.set(checked.get() + 1);
			}
		}
		return new AuditVerification(checked.get(), broken.get());
	}

	/**
	 * Entries the viewer may see, newest first: everything for the system administrator,
	 * only their own body's entries for an operations manager.
	 */
	@Transactional(readOnly = true)
	public List<AuditEntry> search(Staff viewer, AuditQuery query, int page) {
		Long body = viewer.isSystemAdmin() ? null : viewer.requireBody();
		Instant from = query.from() == null ? null : query.from().atStartOfDay(properties.timeZone()).toInstant();
		Instant to = query.to() == null ? null : query.to().plusDays(1).atStartOfDay(properties.timeZone()).toInstant();
		String actor = query.actor() == null || query.actor().isBlank() ? null : query.actor().strip();
		return entries.search(body, from, to, actor, query.action(), PAGE_SIZE + 1, Math.max(page, 0) * PAGE_SIZE);
	}

	private static @Nullable String clip(@Nullable String value, int max) {
		if (value == null || value.length() <= max) {
			return value;
		}
		// never cut a surrogate pair in half: a lone surrogate cannot be stored as UTF-8
		int end = Character.isHighSurrogate(value.charAt(max - 1)) ? max - 1 : max;
		return value.substring(0, end);
	}

}
