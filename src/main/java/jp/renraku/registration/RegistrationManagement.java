package jp.renraku.registration;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jp.renraku.common.Language;
import jp.renraku.common.RenrakuProperties;
import jp.renraku.common.Sender;
import jp.renraku.common.Staff;
import jp.renraku.delivery.RecipientSelection;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The registration module's API. Staff methods take the body from the signed-in
 * operations manager: another body's lists and registrants are not found. Public methods
 * are reached through a list's unguessable token or a registrant's signed personal link.
 * Each method is one transaction; the work is done, and documented, by
 * {@link ListAdministration}, {@link RegistrantAdministration}, {@link SelfRegistration},
 * {@link RegistrantSelfService}, {@link CsvImports} and {@link Audiences}.
 */
@Service
public class RegistrationManagement {

	static final int PAGE_SIZE = 50;

	private final ListAdministration lists;

	private final RegistrantAdministration registrants;

	private final SelfRegistration signups;

	private final RegistrantSelfService own;

	private final CsvImports imports;

	private final ListSenders listSenders;

	private final EndedRegistrations ended;

	private final RenrakuProperties properties;

	private final Clock clock;

	RegistrationManagement(ListAdministration lists, RegistrantAdministration registrants, SelfRegistration signups,
			RegistrantSelfService own, CsvImports imports, ListSenders listSenders, EndedRegistrations ended,
			RenrakuProperties properties, Clock clock) {
		this.listSenders = listSenders;
		this.lists = lists;
		this.registrants = registrants;
		this.signups = signups;
		this.own = own;
		this.imports = imports;
		this.ended = ended;
		this.properties = properties;
		this.clock = clock;
	}

	/** Today in the city's time zone: the day a list's operating period is read for. */
	LocalDate today() {
		return LocalDate.now(clock.withZone(properties.timeZone()));
	}

	// ---- lists (operations manager)

	@Transactional(readOnly = true)
	public List<RegistrationList> lists(Staff staff) {
		return lists.lists(staff);
	}

	@Transactional(readOnly = true)
	public RegistrationList list(Staff staff, long listId) {
		return lists.list(staff, listId);
	}

	/**
	 * Who the list's mail is from and where its residents ask: the list's own name, tag
	 * and contact over its body's.
	 */
	@Transactional(readOnly = true)
	public Sender sender(RegistrationList list) {
		return listSenders.of(list.id(), list.bodyId());
	}

	@Transactional(readOnly = true)
	boolean listNameTaken(Staff staff, String name, long exceptId) {
		return lists.nameTaken(staff, name, exceptId);
	}

	@Transactional
	long createList(Staff staff, ListRules rules) {
		return lists.create(staff, rules);
	}

	@Transactional
	void updateList(Staff staff, long listId, ListRules rules) {
		lists.update(staff, listId, rules);
	}

	@Transactional
	void rotatePassword(Staff staff, long listId) {
		lists.rotatePassword(staff, listId);
	}

	@Transactional
	void setRegistrationOpen(Staff staff, long listId, boolean open) {
		lists.setRegistrationOpen(staff, listId, open);
	}

	@Transactional(readOnly = true)
	Optional<String> mailCode(Staff staff, long listId) {
		return lists.mailCode(staff, listId);
	}

	/** The code of the list's short registration URL, as printed ({@code ABCD-EFGH}). */
	@Transactional(readOnly = true)
	String shortCode(Staff staff, long listId) {
		return ShortCodes.grouped(lists.shortCode(staff, listId));
	}

	@Transactional
	void setMailEntry(Staff staff, long listId, boolean on) {
		lists.setMailEntry(staff, listId, on);
	}

	// ---- registrants (operations manager, Art. 4-2-3)

	@Transactional(readOnly = true)
	List<Registrant> registrants(Staff staff, long listId, Registrants.Criteria criteria, int page) {
		return registrants.search(staff, listId, criteria, page);
	}

	@Transactional(readOnly = true)
	RegistrantCounts counts(Staff staff, long listId) {
		return registrants.counts(staff, listId);
	}

	@Transactional(readOnly = true)
	Registrant registrant(Staff staff, long registrantId) {
		return registrants.registrant(staff, registrantId);
	}

	@Transactional
	void updateRegistrant(Staff staff, long registrantId, RegistrantDetails details) {
		registrants.update(staff, registrantId, details);
	}

	@Transactional
	void deleteRegistrant(Staff staff, long registrantId, String reason) {
		registrants.delete(staff, registrantId, reason);
	}

	@Transactional
	void approve(Staff staff, long registrantId) {
		registrants.approve(staff, registrantId);
	}

	@Transactional
	void reject(Staff staff, long registrantId) {
		registrants.reject(staff, registrantId);
	}

	// ---- the public registration flow

	@Transactional(readOnly = true)
	Optional<RegistrationList> listByToken(String token) {
		return signups.listByToken(token);
	}

	@Transactional(readOnly = true)
	Optional<RegistrationList> listByMailCode(String code) {
		return signups.listByMailCode(code);
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
	boolean requestSignup(RegistrationList list, String email, Language language) {
		return signups.answer(list, email, true, "/confirm", language);
	}

	/**
	 * 空メール登録: answers an empty mail to the list's registration address with a personal
	 * link (or, for an address already registered, its personal page), to the sender's
	 * address only. The link asks for the registration password before the form. Limited
	 * like {@link #requestSignup}: false when over it.
	 */
	@Transactional
	boolean requestSignupByMail(RegistrationList list, String email) {
		return signups.answer(list, email, false, "/mail", Language.JA);
	}

	@Transactional
	void passwordChecked(SignupRequests.SignupRequest request) {
		signups.passwordChecked(request);
	}

	@Transactional(readOnly = true)
	Optional<SignupRequests.SignupRequest> confirmation(RegistrationList list, String token) {
		return signups.confirmation(list, token);
	}

	@Transactional
	Optional<RegistrantState> register(RegistrationList list, SignupRequests.SignupRequest request,
			RegistrantDetails details, Language language) {
		return signups.register(list, request, details, language);
	}

	// ---- registrants' own control

	@Transactional(readOnly = true)
	Optional<Registrant> registrantByLink(long registrantId) {
		return own.registrantByLink(registrantId);
	}

	@Transactional(readOnly = true)
	RegistrationList listOf(Registrant registrant) {
		return own.listOf(registrant);
	}

	@Transactional
	void updateOwn(Registrant registrant, RegistrantDetails details) {
		own.updateOwn(registrant, details);
	}

	@Transactional
	void stop(Registrant registrant) {
		own.stop(registrant);
	}

	@Transactional
	void setLanguage(Registrant registrant, Language language) {
		own.setLanguage(registrant, language);
	}

	void requestResume(Registrant registrant, String manageToken) {
		own.requestResume(registrant, manageToken);
	}

	@Transactional
	boolean resume(Registrant registrant, String resumeToken) {
		return own.resume(registrant, resumeToken);
	}

	// ---- the links of people who stopped or were erased

	/**
	 * Which of the registrants still exist, in one statement: the confirmation link of
	 * someone who stopped or was erased records nothing.
	 */
	@Transactional(readOnly = true)
	public Set<Long> stillRegistered(Collection<Long> registrantIds) {
		return ended.registered(registrantIds);
	}

	/**
	 * Empty while the registrant exists; else what their old links answer: the list whose
	 * mail stopped and, while it takes registrations, its registration page.
	 */
	@Transactional(readOnly = true)
	public Optional<EndedRegistration> ended(long registrantId) {
		return ended.ended(registrantId);
	}

	// ---- audiences for notices

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
		return Audiences.of(staff.requireBody(), listIds, categoryIds, affiliations, answers);
	}

	/**
	 * The body's registrants with {@code name}, {@code email}, {@code list_name} and
	 * {@code affiliation}, for the results of its notices.
	 */
	public RegistrantColumns registrantColumns(long bodyId) {
		return Audiences.columns(bodyId);
	}

	/**
	 * The categories the body's registrants chose, one row each with
	 * {@code category_name} ("list / category").
	 */
	public RegistrantColumns registrantCategories(long bodyId) {
		return Audiences.categories(bodyId);
	}

	// ---- CSV import (Art. 10)

	@Transactional(readOnly = true)
	RegistrantImport.Preview previewImport(Staff staff, long listId, Path file, Charset charset) {
		return imports.preview(staff, listId, file, charset);
	}

	@Transactional
	long importCsv(Staff staff, long listId, Path file, Charset charset) {
		return imports.importRows(staff, listId, file, charset);
	}

}
