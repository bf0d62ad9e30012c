package jp.renraku.confirmation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import jp.renraku.common.AfterCommit;
import jp.renraku.audit.AuditAction;
import jp.renraku.audit.AuditTrail;
import jp.renraku.common.CityTime;
import jp.renraku.common.CsvCells;
import jp.renraku.common.NotFoundException;
import jp.renraku.delivery.DeliveryFilter;
import jp.renraku.delivery.NoticeId;
import jp.renraku.registration.RegistrantColumns;
import jp.renraku.registration.RegistrationManagement;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The confirmation module's API (Art. 5-2): what a released notice's recipients sent back
 * — confirmations, answers, openings, replies — for the notice pages, its results CSV and
 * its reminders. The notice module calls it after checking that the notice is the staff
 * member's body's; every method checks the body again.
 */
@Service
public class ConfirmationManagement {

	/** Recipients on one page of the recipients list. */
	static final int PAGE_SIZE = 100;

	/**
	 * Those of a notice's deliveries whose recipient has not confirmed (with questions:
	 * answered) yet, for a reminder.
	 */
	private static final DeliveryFilter NOT_YET_CONFIRMED = new DeliveryFilter(
			"NOT EXISTS (SELECT 1 FROM delivery_receipt r WHERE r.delivery_id = d.id)");

	private final ObjectProvider<ConfirmableNotices> notices;

	private final ReleasedNotices released;

	private final Receipts receipts;

	private final NoticeResults results;

	private final NoticeReplies replies;

	private final RegistrationManagement registration;

	private final AuditTrail audit;

	private final CityTime cityTime;

	private final MessageSource messages;

	private final Duration answeringPeriod;

	ConfirmationManagement(ObjectProvider<ConfirmableNotices> notices, ReleasedNotices released, Receipts receipts,
			NoticeResults results, NoticeReplies replies, RegistrationManagement registration, AuditTrail audit,
			CityTime cityTime, MessageSource messages, ReceiptProperties properties) {
		this.notices = notices;
		this.released = released;
		this.receipts = receipts;
		this.results = results;
		this.replies = replies;
		this.registration = registration;
		this.audit = audit;
		this.cityTime = cityTime;
		this.messages = messages;
		this.answeringPeriod = properties.defaultPeriod();
	}

	/** How long after release a notice without its own deadline takes answers. */
	public Duration answeringPeriod() {
		return answeringPeriod;
	}

	/** Until when a notice takes confirmations and answers. */
	public Instant closesAt(Instant releasedAt, @Nullable Instant deadline) {
		return deadline != null ? deadline : releasedAt.plus(answeringPeriod);
	}

	/** Who a reminder of a notice goes to: those who have not confirmed or answered. */
	public DeliveryFilter notYetConfirmed() {
		return NOT_YET_CONFIRMED;
	}

	/**
	 * The notice's deadline changed: once that is committed, the links of this node read
	 * it at once (other nodes within ten seconds).
	 */
	public void deadlineChanged(NoticeId notice) {
		AfterCommit.run(() -> released.forget(notice));
	}

	/** The released notice of the body, or "not found". */
	private ConfirmableNotice notice(NoticeId id, long bodyId) {
		return notices.getObject()
			.released(id)
			.filter(notice -> notice.bodyId() == bodyId)
			.orElseThrow(() -> new NotFoundException("notice " + id));
	}

	/** How many recipients confirmed receipt. */
	@Transactional(readOnly = true)
	public long confirmations(NoticeId notice) {
		return receipts.count(notice.value());
	}

	/**
	 * How many confirmed, of the population the results count (the sent deliveries whose
	 * registrant still exists): for the notice page's progress box.
	 */
	@Transactional(readOnly = true)
	public Confirmations confirmations(NoticeId id, long bodyId) {
		notice(id, bodyId);
		NoticeResults.Totals totals = results.totals(id.value(), registration.registrantColumns(bodyId));
		return new Confirmations(totals.confirmed(), totals.sent());
	}

	@Transactional(readOnly = true)
	public Results results(NoticeId id, long bodyId) {
		ConfirmableNotice notice = notice(id, bodyId);
		RegistrantColumns columns = registration.registrantColumns(bodyId);
		NoticeResults.Totals totals = results.totals(id.value(), columns);
		return new Results(totals.sent(), totals.confirmed(), totals.answered(),
				notice.trackOpens() ? totals.opened() : null, results.breakdown(id.value(), columns, "list_name"),
				results.breakdown(id.value(), registration.registrantCategories(bodyId), "category_name"),
				results.breakdown(id.value(), columns, "affiliation"), results.tallies(id.value(), notice.questions()),
				released.closesAt(notice));
	}

	/**
	 * A page of the notice's recipients with names and addresses: personal information on
	 * screen, so each page shown is in the audit trail.
	 */
	@Transactional
	public RecipientPage recipients(NoticeId id, long bodyId, RecipientFilter show, int page) {
		notice(id, bodyId);
		audit.record(AuditAction.NOTICE_RECIPIENTS_VIEWED, bodyId, "notice:" + id, show.name() + " page:" + page);
		RegistrantColumns columns = registration.registrantColumns(bodyId);
		// far past the end is simply empty, not an overflowing offset
		int from = Math.min(Math.max(0, page), 1_000_000);
		return new RecipientPage(results.recipients(id.value(), columns, show, from * PAGE_SIZE, PAGE_SIZE),
				results.count(id.value(), columns, show), from, PAGE_SIZE);
	}

	/**
	 * Writes every recipient and their answers as CSV (Excel-ready: every cell, headers
	 * included, neutralised), in pages of 1,000; returns how many rows. The caller checks
	 * the export permission (Art. 10-4) and records the export.
	 */
	@Transactional(readOnly = true)
	public long writeResults(NoticeId id, long bodyId, Writer out) throws IOException {
		ConfirmableNotice notice = notice(id, bodyId);
		CSVPrinter printer = new CSVPrinter(out, CSVFormat.EXCEL);
		List<String> header = new ArrayList<>();
		for (String column : List.of("name", "email", "list", "affiliation", "confirmedAt", "answeredAt")) {
			header.add(messages.getMessage("results.csv." + column, null, Locale.JAPANESE));
		}
		notice.questions()
			.forEach(question -> header.add(messages.getMessage("results.csv.question",
					new Object[] { question.position(), question.label() }, Locale.JAPANESE)));
		printer.printRecord(header.stream().map(CsvCells::neutralised).toList());
		long[] rows = { 0 };
		results.each(id.value(), registration.registrantColumns(bodyId), recipient -> {
			List<String> cells = new ArrayList<>(List.of(Objects.toString(recipient.name(), ""), recipient.email(),
					recipient.listName(), Objects.toString(recipient.affiliation(), ""),
					cityTime.machine(recipient.confirmedAt()), cityTime.machine(recipient.answeredAt())));
			notice.questions().forEach(question -> cells.add(recipient.answer(question.position())));
			try {
				printer.printRecord(cells.stream().map(CsvCells::neutralised).toList());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			rows[0]++;
		});
		printer.flush();
		return rows[0];
	}

	/** Replies to the notice's mail, newest first. */
	@Transactional(readOnly = true)
	public List<Reply> replies(NoticeId notice, int limit) {
		return replies.of(notice, limit);
	}

}
