package jp.renraku.registration;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jp.renraku.account.AccountManagement;
import jp.renraku.audit.AuditAction;
import jp.renraku.audit.AuditTrail;
import jp.renraku.common.InstallationSecret;
import jp.renraku.common.NotFoundException;
import jp.renraku.common.RenrakuProperties;
import jp.renraku.common.Staff;
import jp.renraku.delivery.RecipientSelection;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The registration module's API. Staff methods take the body from the signed-in
 * operations manager: another body's lists and registrants are not found. Public methods
 * are reached through a list's unguessable token or a registrant's signed personal link.
 */
@Service
public class RegistrationManagement {

	static final Duration CONFIRMATION_VALIDITY = Duration.ofHours(24);

	static final int PAGE_SIZE = 50;

	private static final String PASSWORD_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

	private final Lists lists;

	private final Registrants registrants;

	private final SignupRequests signups;

	private final RegistrationMails mails;

	private final InstallationSecret secret;

	private final AuditTrail audit;

	private final RenrakuProperties properties;

	private final Clock clock;

	private final AccountManagement accounts;

	private final RegistrantExport export;

	private final RegistrantImport imports;

	private final SecureRandom random = new SecureRandom();

	private final RegistrationLimits limits;

	private final PersonalLinks personalLinks;

	RegistrationManagement(Lists lists, Registrants registrants, SignupRequests signups, RegistrationMails mails,
			InstallationSecret secret, AuditTrail audit, RenrakuProperties properties, Clock clock,
			AccountManagement accounts, RegistrantExport export, RegistrantImport imports, PersonalLinks personalLinks,
			RegistrationLimits limits) {
		this.limits = limits;
		this.personalLinks = personalLinks;
		this.accounts = accounts;
		this.export = export;
		this.imports = imports;
		this.lists = lists;
		this.registrants = registrants;
		this.signups = signups;
		this.mails = mails;
		this.secret = secret;
		this.audit = audit;
		this.properties = properties;
		this.clock = clock;
	}

	LocalDate today() {
		return LocalDate.now(clock.withZone(properties.timeZone()));
	}

	// ---- lists (operations manager)
	// ----------------------------------------------------------

	@Transactional(readOnly = true)
	public List<RegistrationList> lists(Staff staff) {
		return lists.ofBody(staff.requireBody());
	}

	@Transactional(readOnly = true)
	public RegistrationList list(Staff staff, long listId) {
		return lists.find(listId, staff.requireBody()).orElseThrow(() -> new NotFoundException("list " + listId));
	}

	@Transactional(readOnly = true)
	boolean listNameTaken(Staff staff, String name, long exceptId) {
		return lists.nameTaken(staff.requireBody(), name, exceptId);
	}

	@Transactional
	long createList(Staff staff, ListRules rules) {
		long body = staff.requireBody();
		long id = lists.insert(body, rules, InstallationSecret.randomToken(24), newRegistrationPassword(),
				clock.instant());
		audit.record(AuditAction.LIST_CREATED, body, "list:" + id, rules.name());
		return id;
	}

	@Transactional
	void updateList(Staff staff, long listId, ListRules rules) {
		RegistrationList list = list(staff, listId);
		lists.update(list.id(), list.bodyId(), rules, clock.instant());
		audit.record(AuditAction.LIST_UPDATED, list.bodyId(), "list:" + listId, rules.name());
	}

	/** Art. 7-3: a new registration password; the old one stops working at once. */
	@Transactional
	void rotatePassword(Staff staff, long listId) {
		RegistrationList list = list(staff, listId);
		lists.setPassword(list.id(), list.bodyId(), newRegistrationPassword(), clock.instant());
		audit.record(AuditAction.LIST_PASSWORD_ROTATED, list.bodyId(), "list:" + listId, null);
	}

	@Transactional
	void setRegistrationOpen(Staff staff, long listId, boolean open) {
		RegistrationList list = list(staff, listId);
		lists.setOpen(list.id(), list.bodyId(), open, clock.instant());
		audit.record(open ? AuditAction.LIST_OPENED : AuditAction.LIST_CLOSED, list.bodyId(), "list:" + listId, null);
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

	// ---- registrants (operations manager, Art. 4-2-3)
	// -----------------------------------------

	@Transactional(readOnly = true)
	List<Registrant> registrants(Staff staff, long listId, Registrants.Criteria criteria, int page) {
		RegistrationList list = list(staff, listId);
		return registrants.search(list.bodyId(), list.id(), criteria, PAGE_SIZE + 1, Math.max(page, 0) * PAGE_SIZE);
	}

	/** The body's registrations stopped because their mail bounced, newest first. */
	@Transactional(readOnly = true)
	List<Registrants.Bounced> bounced(Staff staff) {
		return registrants.bounced(staff.requireBody());
	}

	@Transactional(readOnly = true)
	Map<RegistrantState, Long> counts(Staff staff, long listId) {
		RegistrationList list = list(staff, listId);
		return registrants.countByState(list.bodyId(), list.id());
	}

	@Transactional(readOnly = true)
	Registrant registrant(Staff staff, long registrantId) {
		return registrants.findInBody(registrantId, staff.requireBody())
			.orElseThrow(() -> new NotFoundException("registrant " + registrantId));
	}

	@Transactional
	void updateRegistrant(Staff staff, long registrantId, RegistrantDetails details) {
		Registrant registrant = registrant(staff, registrantId);
		registrants.update(registrant.id(), details, clock.instant());
		audit.record(AuditAction.REGISTRANT_UPDATED, registrant.bodyId(), "registrant:" + registrantId, "by staff");
	}

	/** Deletes with one of the list's deletion criteria (Art. 7 item 6) as the reason. */
	@Transactional
	void deleteRegistrant(Staff staff, long registrantId, String reason) {
		Registrant registrant = registrant(staff, registrantId);
		RegistrationList list = list(staff, registrant.listId());
		if (!list.deletionReasons().contains(reason)) {
			throw new RegistrationException("registrant.error.reason");
		}
		registrants.erase(registrant, registrants.emailHash(registrant.id()), "DELETED", clock.instant());
		audit.record(AuditAction.REGISTRANT_DELETED, registrant.bodyId(), "registrant:" + registrantId, reason);
	}

	@Transactional
	void approve(Staff staff, long registrantId) {
		Registrant registrant = registrant(staff, registrantId);
		if (!registrant.pending()) {
			throw new RegistrationException("registrant.error.notPending");
		}
		registrants.setState(registrant.id(), RegistrantState.ACTIVE, clock.instant());
		audit.record(AuditAction.REGISTRANT_APPROVED, registrant.bodyId(), "registrant:" + registrantId, null);
		mails.approved(registrant.email(), list(staff, registrant.listId()), registrant.id(),
				registrants.linkNonce(registrant.id()).orElseThrow());
	}

	@Transactional
	void reject(Staff staff, long registrantId) {
		Registrant registrant = registrant(staff, registrantId);
		if (!registrant.pending()) {
			throw new RegistrationException("registrant.error.notPending");
		}
		RegistrationList list = list(staff, registrant.listId());
		registrants.erase(registrant, registrants.emailHash(registrant.id()), "REJECTED", clock.instant());
		audit.record(AuditAction.REGISTRANT_REJECTED, registrant.bodyId(), "registrant:" + registrantId, null);
		mails.rejected(registrant.email(), list);
	}

	// ---- the public registration flow
	// ------------------------------------------------------------

	@Transactional(readOnly = true)
	Optional<RegistrationList> listByToken(String token) {
		return lists.findByToken(token);
	}

	/**
	 * Whether the typed registration password is the list's, compared in constant time.
	 */
	static boolean passwordMatches(RegistrationList list, String typed) {
		return java.security.MessageDigest.isEqual(
				RegistrationList.canonicalPassword(typed).getBytes(java.nio.charset.StandardCharsets.UTF_8),
				RegistrationList.canonicalPassword(list.registrationPassword())
					.getBytes(java.nio.charset.StandardCharsets.UTF_8));
	}

	/**
	 * Sends the confirmation link, or, if the address is already on the list, a mail
	 * saying so: the page answers the same either way, so nobody learns who is
	 * registered. At most {@code mailsPerAddress} such mails per address and list, and
	 * {@code mailsPerAddressAllLists} for all lists, in an hour, counted in the database
	 * (so on every node) together with the answers to empty mail: false, and nothing
	 * sent, when over it.
	 */
	@Transactional
	boolean requestSignup(RegistrationList list, String email) {
		return answerSignup(list, email, true, "/confirm");
	}

	/**
	 * 空メール登録: answers an empty mail to the list's registration address with a personal
	 * link (or, for an address already registered, its personal page), to the sender's
	 * address only. The link asks for the registration password before the form. Limited
	 * like {@link #requestSignup}: false when over it.
	 */
	@Transactional
	boolean requestSignupByMail(RegistrationList list, String email) {
		return answerSignup(list, email, false, "/mail");
	}

	private boolean answerSignup(RegistrationList list, String email, boolean passwordChecked, String page) {
		Instant now = clock.instant();
		Instant hourAgo = now.minus(Duration.ofHours(1));
		if (signups.sentSince(list.id(), email, hourAgo) >= limits.mailsPerAddress()
				|| signups.sentSince(email, hourAgo) >= limits.mailsPerAddressAllLists()) {
			return false;
		}
		String token = InstallationSecret.randomToken(32);
		// recorded either way, as what counts the mails
		signups.insert(list.id(), InstallationSecret.sha256(token), email, now.plus(CONFIRMATION_VALIDITY), now,
				passwordChecked);
		Optional<Registrant> existing = registrants.findByEmailHash(list.id(), emailHash(list.id(), email));
		if (existing.isPresent()) {
			Registrant registrant = existing.get();
			mails.alreadyRegistered(registrant.email(), list, registrant.id(),
					registrants.linkNonce(registrant.id()).orElseThrow());
			return true;
		}
		mails.confirmationLink(email, list, properties.baseUrl() + "/r/" + list.publicToken() + page + "?t=" + token,
				CONFIRMATION_VALIDITY.toHours());
		return true;
	}

	/** The password of a link from an empty mail was given: the form may follow. */
	@Transactional
	void passwordChecked(SignupRequests.SignupRequest request) {
		signups.markPasswordChecked(request.id());
	}

	/** The list an empty mail's registration address names. */
	@Transactional(readOnly = true)
	Optional<RegistrationList> listByMailCode(String code) {
		return lists.findByMailCode(code);
	}

	@Transactional(readOnly = true)
	Optional<String> mailCode(Staff staff, long listId) {
		return lists.mailCode(list(staff, listId).id());
	}

	/**
	 * Gives the list a registration address for empty mail (a new random code), or takes
	 * it away; an old address stops working at once.
	 */
	@Transactional
	void setMailEntry(Staff staff, long listId, boolean on) {
		RegistrationList list = list(staff, listId);
		byte[] random = new byte[6];
		new SecureRandom().nextBytes(random);
		String code = on ? java.util.HexFormat.of().formatHex(random) : null;
		lists.setMailCode(list.id(), code);
		audit.record(AuditAction.LIST_UPDATED, list.bodyId(), "list:" + list.id(),
				on ? "mail entry address issued" : "mail entry address removed");
	}

	/**
	 * The confirmation behind a link, if it is valid: right list, not expired, not used.
	 */
	@Transactional(readOnly = true)
	Optional<SignupRequests.SignupRequest> confirmation(RegistrationList list, String token) {
		return signups.find(list.id(), InstallationSecret.sha256(token))
			.filter(request -> !request.used() && request.expiresAt().isAfter(clock.instant()));
	}

	/**
	 * Registers the confirmed address with what the person entered. Registered at once,
	 * or pending where the list needs approval. A second use of the same link registers
	 * nothing.
	 */
	@Transactional
	Optional<RegistrantState> register(RegistrationList list, SignupRequests.SignupRequest request,
			RegistrantDetails details) {
		Instant now = clock.instant();
		if (!signups.markUsed(request.id(), now)) {
			return Optional.empty();
		}
		RegistrantState state = list.needsApproval() ? RegistrantState.PENDING : RegistrantState.ACTIVE;
		String hash = emailHash(list.id(), request.email());
		if (registrants.findByEmailHash(list.id(), hash).isPresent()) {
			// registered through another link meanwhile: nothing new, nothing revealed.
			// Checked
			// before inserting, because a failed insert would end the transaction on
			// PostgreSQL.
			return Optional.of(state);
		}
		String nonce = InstallationSecret.randomToken(12);
		long id = registrants.insert(list, request.email(), hash, details, state, nonce, now);
		audit.record(AuditAction.REGISTRANT_REGISTERED, list.bodyId(), "registrant:" + id, "list:" + list.id());
		mails.registered(request.email(), list, id, nonce, state == RegistrantState.PENDING);
		return Optional.of(state);
	}

	// ---- registrants' own control
	// ------------------------------------------------------------------

	@Transactional(readOnly = true)
	Optional<Registrant> registrantByLink(long registrantId) {
		return registrants.find(registrantId);
	}

	@Transactional(readOnly = true)
	RegistrationList listOf(Registrant registrant) {
		return lists.findById(registrant.listId()).orElseThrow();
	}

	@Transactional
	void updateOwn(Registrant registrant, RegistrantDetails details) {
		registrants.update(registrant.id(), details, clock.instant());
		audit.record(AuditAction.REGISTRANT_UPDATED, registrant.bodyId(), "registrant:" + registrant.id(),
				"by registrant");
	}

	/**
	 * Stops all mail to the registrant and erases their personal information, keeping
	 * only the keyed hash of the address and the dates as proof of consent.
	 */
	@Transactional
	void stop(Registrant registrant) {
		RegistrationList list = listOf(registrant);
		registrants.erase(registrant, registrants.emailHash(registrant.id()), "STOPPED", clock.instant());
		audit.record(AuditAction.REGISTRANT_STOPPED, registrant.bodyId(), "registrant:" + registrant.id(), null);
		mails.stopped(registrant.email(), list);
	}

	/**
	 * Mails the registrant's address a link that resumes its mail, if it was stopped for
	 * bouncing: opening the link proves the address receives mail again. Valid 24 hours.
	 */
	void requestResume(Registrant registrant, String manageToken) {
		if (!registrant.bounceStopped()) {
			return;
		}
		String nonce = registrants.linkNonce(registrant.id()).orElseThrow();
		long expires = clock.instant().plus(Duration.ofHours(24)).getEpochSecond();
		mails.resumeLink(registrant.email(), listOf(registrant), properties.baseUrl() + "/m/" + manageToken + "/resume/"
				+ personalLinks.resumeToken(registrant.id(), nonce, expires));
	}

	/**
	 * The operations manager resumes mail to an address of their body that was stopped
	 * for bouncing (the resident said the mailbox works again); audited.
	 */
	@Transactional
	void resumeByManager(Staff staff, long registrantId) {
		Registrant registrant = registrant(staff, registrantId);
		int resumed = registrants.resumeBounced(registrant.id(), registrant.bodyId());
		if (resumed > 0) {
			audit.record(AuditAction.REGISTRANT_BOUNCE_RESUMED, registrant.bodyId(), "registrant:" + registrant.id(),
					"registrations:" + resumed + " by operations manager");
		}
	}

	/**
	 * Resumes mail to a bounced address after its owner opened the link from the mail.
	 */
	@Transactional
	boolean resume(Registrant registrant, String resumeToken) {
		String nonce = registrants.linkNonce(registrant.id()).orElseThrow();
		if (!personalLinks.resumeValid(registrant.id(), nonce, resumeToken, clock.instant())) {
			return false;
		}
		int resumed = registrants.resumeBounced(registrant.id(), registrant.bodyId());
		if (resumed > 0) {
			audit.record(AuditAction.REGISTRANT_BOUNCE_RESUMED, registrant.bodyId(), "registrant:" + registrant.id(),
					"registrations:" + resumed);
		}
		return true;
	}

	// ---- audiences for notices
	// -------------------------------------------------------------------

	/**
	 * The active registrants of the staff member's body on the given lists, narrowed to
	 * those who chose any of the given categories (none given: everyone). A person on
	 * several of the lists is counted and mailed once. Lists and categories of other
	 * bodies never match, because the body is the staff member's own.
	 */
	@Transactional(readOnly = true)
	public RecipientSelection audience(Staff staff, Collection<Long> listIds, Collection<Long> categoryIds) {
		return audience(staff, listIds, categoryIds, List.of());
	}

	/**
	 * As above, also narrowed to registrants whose affiliation is one of the given (none:
	 * any).
	 */
	@Transactional(readOnly = true)
	public RecipientSelection audience(Staff staff, Collection<Long> listIds, Collection<Long> categoryIds,
			Collection<String> affiliations) {
		return audience(staff, listIds, categoryIds, affiliations, Map.of());
	}

	/**
	 * As above, also narrowed by answers to the lists' own choice questions: for each
	 * question given, the registrant chose at least one of its given answers (of a
	 * multiple-choice question, any one line of the stored answer).
	 */
	@Transactional(readOnly = true)
	public RecipientSelection audience(Staff staff, Collection<Long> listIds, Collection<Long> categoryIds,
			Collection<String> affiliations, Map<Long, ? extends Collection<String>> answers) {
		List<Long> lists = listIds.isEmpty() ? List.of(-1L) : List.copyOf(listIds);
		StringBuilder sql = new StringBuilder("SELECT MIN(r.id) AS registrant_id FROM registrant r"
				+ " WHERE r.body_id = :audienceBody AND r.list_id IN (:audienceLists) AND r.state = 'ACTIVE'"
				+ " AND r.bounce_disabled_at IS NULL");
		Map<String, Object> params = new java.util.HashMap<>();
		params.put("audienceBody", staff.requireBody());
		params.put("audienceLists", lists);
		if (!categoryIds.isEmpty()) {
			sql.append(" AND EXISTS (SELECT 1 FROM registrant_category c WHERE c.registrant_id = r.id"
					+ " AND c.category_id IN (:audienceCategories))");
			params.put("audienceCategories", List.copyOf(categoryIds));
		}
		if (!affiliations.isEmpty()) {
			sql.append(" AND r.affiliation IN (:audienceAffiliations)");
			params.put("audienceAffiliations", List.copyOf(affiliations));
		}
		int question = 0;
		for (Map.Entry<Long, ? extends Collection<String>> entry : answers.entrySet()) {
			if (entry.getValue().isEmpty()) {
				continue;
			}
			String field = "audienceField" + question;
			sql.append(" AND EXISTS (SELECT 1 FROM registrant_answer a WHERE a.registrant_id = r.id AND a.field_id = :")
				.append(field)
				.append(" AND (");
			params.put(field, entry.getKey());
			int option = 0;
			for (String answer : entry.getValue()) {
				String p = "audienceAnswer" + question + "_" + option++;
				// stored multiple answers are one per line: the answer alone, first, last
				// or
				// between
				sql.append(option > 1 ? " OR " : "")
					.append("a.answer = :")
					.append(p)
					.append(" OR a.answer LIKE :")
					.append(p)
					.append("First ESCAPE '!' OR a.answer LIKE :")
					.append(p)
					.append("Last ESCAPE '!' OR a.answer LIKE :")
					.append(p)
					.append("Middle ESCAPE '!'");
				String escaped = answer.replace("!", "!!").replace("%", "!%").replace("_", "!_");
				params.put(p, answer);
				params.put(p + "First", escaped + "\n%");
				params.put(p + "Last", "%\n" + escaped);
				params.put(p + "Middle", "%\n" + escaped + "\n%");
			}
			sql.append("))");
			question++;
		}
		sql.append(" GROUP BY LOWER(r.email)");
		return new RecipientSelection(sql.toString(), params);
	}

	/**
	 * The body's registrants with {@code name}, {@code email}, {@code list_name} and
	 * {@code affiliation}, for the results of its notices.
	 */
	public RegistrantColumns registrantColumns(long bodyId) {
		return new RegistrantColumns("""
				SELECT r.id AS registrant_id, r.name, r.email, l.name AS list_name, r.affiliation
				FROM registrant r JOIN registration_list l ON l.id = r.list_id WHERE r.body_id = :columnsBody
				""", Map.of("columnsBody", bodyId));
	}

	/**
	 * The categories the body's registrants chose, one row each with
	 * {@code category_name} ("list / category").
	 */
	public RegistrantColumns registrantCategories(long bodyId) {
		return new RegistrantColumns("""
				SELECT r.id AS registrant_id, l.name || ' / ' || c.name AS category_name
				FROM registrant r JOIN registrant_category rc ON rc.registrant_id = r.id
				JOIN list_category c ON c.id = rc.category_id JOIN registration_list l ON l.id = c.list_id
				WHERE r.body_id = :categoriesBody
				""", Map.of("categoriesBody", bodyId));
	}

	// ---- CSV export and import (Art. 10)
	// ----------------------------------------------------------

	@Transactional(readOnly = true)
	RegistrantImport.Preview previewImport(Staff staff, long listId, java.nio.file.Path file,
			java.nio.charset.Charset charset) {
		RegistrationList list = list(staff, listId);
		return imports.preview(list, file, charset, registrants.emailHashes(list.id()),
				email -> emailHash(list.id(), email));
	}

	/**
	 * Imports the valid rows of a previewed file as registered (their consent was given
	 * before).
	 */
	@Transactional
	long importCsv(Staff staff, long listId, java.nio.file.Path file, java.nio.charset.Charset charset) {
		RegistrationList list = list(staff, listId);
		Instant now = clock.instant();
		long[] imported = { 0 };
		imports.validRows(list, file, charset, registrants.emailHashes(list.id()), email -> emailHash(list.id(), email),
				row -> {
					registrants.insert(list, row.email(), emailHash(list.id(), row.email()), row.details(),
							RegistrantState.ACTIVE, InstallationSecret.randomToken(12), now);
					imported[0]++;
				});
		audit.record(AuditAction.REGISTRANTS_IMPORTED, list.bodyId(), "list:" + listId, "rows:" + imported[0]);
		return imported[0];
	}

	private String emailHash(long listId, String email) {
		return secret.keyedHash("email", listId + ":" + email.toLowerCase(Locale.ROOT));
	}

}
