package jp.renraku.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jp.renraku.common.AfterCommit;
import jp.renraku.common.Language;
import jp.renraku.common.RenrakuProperties;
import jp.renraku.common.Sender;
import org.springframework.mail.MailSendException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The delivery module's API: what the notice, confirmation and organization modules ask
 * of the outbox and its engine. A notice's mail is queued set-based (one statement for
 * all its recipients) and the engine is woken once the caller's transaction commits; the
 * tokens in a recipient's mail are read by {@link DeliveryLinks}. Ids cross typed
 * ({@link NoticeId}, {@link DeliveryId}); the engine, the queue and the tokens stay
 * inside this module.
 */
@Service
public class DeliveryManagement {

	private final DeliveryQueue queue;

	private final RecipientQueue recipientQueue;

	private final DeliveryReports reports;

	private final DeliveryEngine engine;

	private final ResidentMails residentMails;

	private final Clock clock;

	private final RenrakuProperties links;

	private final BounceReview bounces;

	private final DeliveryTimeKeeper times;

	DeliveryManagement(DeliveryQueue queue, RecipientQueue recipientQueue, DeliveryReports reports,
			DeliveryEngine engine, ResidentMails residentMails, Clock clock, RenrakuProperties links,
			BounceReview bounces, DeliveryTimeKeeper times) {
		this.recipientQueue = recipientQueue;
		this.bounces = bounces;
		this.times = times;
		this.links = links;
		this.residentMails = residentMails;
		this.clock = clock;
		this.queue = queue;
		this.reports = reports;
		this.engine = engine;
	}

	// ---- single mails to residents

	/**
	 * Sends a single mail to a resident (issue 14): queued in the caller's transaction,
	 * so it goes exactly when what it tells of is committed, and sent right after the
	 * commit on the caller's thread when its carrier's pace allows (else by the engine's
	 * workers a moment later, and again after a relay's temporary failure).
	 */
	@Transactional
	public void send(ResidentMail mail) {
		long id = residentMails.queue(mail, clock.instant());
		AfterCommit.run(() -> engine.sendResident(id));
	}

	/**
	 * Sends the notice to the writer's own address, now, as its recipients get it: the
	 * same sender, footer and character set, the writer's name for a registrant's and
	 * {@code note} in place of the personal links; the fixed lines in the language of the
	 * content (a version's test send reads as its readers get it). The relay's refusal is
	 * a {@link MailSendException}.
	 */
	public void sendTest(NoticeId notice, NoticeContent content, Sender sender, String to, String name, String note) {
		Recipient tester = new Recipient(0, to, name, note, links.baseUrl() + "/m/preview/unsubscribe", sender,
				content.language());
		if (!engine.sendTest(notice.value(), content, tester, note)) {
			throw new MailSendException("the relay did not take the test mail");
		}
	}

	// ---- a notice's mail

	/**
	 * Queues one message per recipient of the audience, in one statement, each with the
	 * version of the notice in its language ({@code versions}: the languages the notice
	 * has besides Japanese; see {@link NoticeContent#in}); emergency notices go before
	 * every routine one. Returns how many.
	 */
	@Transactional
	public long enqueue(NoticeId notice, long bodyId, boolean emergency, RecipientSelection audience,
			Set<Language> versions, Instant now) {
		long queued = recipientQueue.enqueue(notice.value(), bodyId, emergency, audience, versions, now);
		times.started(notice.value(), bodyId, queued, now);
		wakeAfterCommit();
		return queued;
	}

	/**
	 * How many recipients of the audience would get each version of a notice that has
	 * these languages besides Japanese, for the compose page.
	 */
	@Transactional(readOnly = true)
	public Map<Language, Long> countByVersion(RecipientSelection audience, Set<Language> versions) {
		return recipientQueue.countByVersion(audience, versions);
	}

	/** How many recipients the audience has now, for the compose page. */
	@Transactional(readOnly = true)
	public long count(RecipientSelection audience) {
		return recipientQueue.count(audience);
	}

	/**
	 * Queues a follow-up (a reminder) to those of the origin notice's sent mail that
	 * {@code pending} keeps; each message points at its origin delivery, so links in it
	 * answer the origin. Returns how many.
	 */
	@Transactional
	public long enqueueFollowUp(NoticeId notice, long bodyId, boolean emergency, NoticeId origin,
			DeliveryFilter pending, Set<Language> versions, Instant now) {
		long queued = recipientQueue.enqueueFollowUp(notice.value(), bodyId, emergency, origin.value(), pending,
				versions, now);
		times.started(notice.value(), bodyId, queued, now);
		wakeAfterCommit();
		return queued;
	}

	/** How many {@link #enqueueFollowUp} would queue now. */
	@Transactional(readOnly = true)
	public long countFollowUp(NoticeId origin, DeliveryFilter pending) {
		return recipientQueue.countFollowUp(origin.value(), pending);
	}

	/** Holds the notice's waiting mail; what is being sent finishes. Returns how many. */
	@Transactional
	public int pause(NoticeId notice) {
		return queue.pause(notice.value());
	}

	/** Queues the held mail again, due at once. Returns how many. */
	@Transactional
	public int resume(NoticeId notice, Instant now) {
		int queued = queue.resume(notice.value(), now);
		wakeAfterCommit();
		return queued;
	}

	/**
	 * Sends the failed messages once more, after the cause was fixed. Returns how many.
	 */
	@Transactional
	public int retryFailed(NoticeId notice, Instant now) {
		int queued = queue.retryFailed(notice.value(), now);
		times.retried(notice.value(), queued);
		wakeAfterCommit();
		return queued;
	}

	@Transactional(readOnly = true)
	public DeliveryProgress progress(NoticeId notice, Instant now) {
		return reports.progress(notice.value(), now);
	}

	/**
	 * How long the relay took to accept the notice's mail from its release, in all and by
	 * destination group; kept once finished. Empty for mail queued before it existed.
	 */
	public Optional<DeliveryTiming> timing(NoticeId notice) {
		return times.timing(notice.value());
	}

	/** The notice's failed messages with the receiving server's reply, oldest first. */
	@Transactional(readOnly = true)
	public List<FailedDelivery> failures(NoticeId notice, int limit) {
		return reports.failures(notice.value(), limit);
	}

	// ---- bodies (Art. 3-2-3, 6-3)

	/** The body's mail not yet sent (queued, paused, retrying or waiting its turn). */
	@Transactional(readOnly = true)
	public long waiting(long bodyId) {
		return reports.waiting(bodyId);
	}

	/** The body's unsent mail will never be sent. Returns how many. */
	@Transactional
	public int discardWaiting(long bodyId) {
		return queue.discardWaiting(bodyId);
	}

	/** Every body's waiting and sending mail and its last hour. */
	@Transactional(readOnly = true)
	public List<BodyLoad> load(Instant now) {
		return reports.load(now);
	}

	/**
	 * A body's sending rule changed ({@link SendingRules}): once the change is committed,
	 * the engine on this node looks again at once, and wakes (other nodes look within
	 * five seconds).
	 */
	public void rulesChanged() {
		AfterCommit.run(() -> {
			engine.rulesChanged();
			engine.wake();
		});
	}

	private void wakeAfterCommit() {
		AfterCommit.run(engine::wake);
	}

	// ---- bounces (issue 15)

	/** The body's bounces since then, by reason, most first. */
	@Transactional(readOnly = true)
	public List<BounceTally> bounceTally(long bodyId, Instant since) {
		return bounces.tally(bodyId, since);
	}

	/**
	 * Reads the body's kept bounces again with the current classifier: a dry run lists
	 * what would change; applied, it rewrites their reasons and resumes mail that they no
	 * longer stop.
	 */
	@Transactional
	public BounceRereading rereadBounces(long bodyId, boolean apply) {
		return bounces.reread(bodyId, apply);
	}

}
