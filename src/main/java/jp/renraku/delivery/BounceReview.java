package jp.renraku.delivery;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jp.renraku.common.Sql;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The kept bounces of one body as its operations managers see them: counted by reason,
 * and read again by the current classifier after an upgrade — first as a dry run that
 * lists what would change, then applied: reasons rewritten, and an address stopped by
 * bounces that would not stop it now resumed. An address the new reading would stop is
 * listed but not stopped after the fact: its next bounce decides.
 */
@Service
class BounceReview {

	/** At most so many kept bounces are read again at once (the newest). */
	static final int MAX = 50_000;

	private final JdbcClient jdbc;

	private final BouncePolicy policy;

	private final ObjectProvider<RecipientDirectory> recipients;

	BounceReview(JdbcClient jdbc, BouncePolicy policy, ObjectProvider<RecipientDirectory> recipients) {
		this.jdbc = jdbc;
		this.policy = policy;
		this.recipients = recipients;
	}

	/** bounce-tally: the body's bounces since then, by reason, most first. */
	List<BounceTally> tally(long bodyId, Instant since) {
		Map<BounceReason, Long> counts = new EnumMap<>(BounceReason.class);
		jdbc.sql("""
				SELECT reason, COUNT(*) AS n FROM delivery_bounce
				WHERE body_id = :body AND received_at > :since AND reason IS NOT NULL GROUP BY reason
				""")
			.param("body", bodyId)
			.param("since", Sql.utc(since))
			.query((rs, n) -> counts.put(BounceReason.valueOf(rs.getString("reason")), rs.getLong("n")))
			.list();
		return counts.entrySet()
			.stream()
			.sorted(Map.Entry.<BounceReason, Long>comparingByValue().reversed())
			.map(e -> new BounceTally(policy.label(e.getKey()), e.getKey().effect().name(),
					!e.getKey().aboutTheAddress() && e.getKey() != BounceReason.FEEDBACK, e.getValue()))
			.toList();
	}

	/**
	 * Reads the body's kept bounces again; writes the changes only when {@code apply}.
	 */
	BounceRereading reread(long bodyId, boolean apply) {
		List<Kept> kept = kept(bodyId);
		List<BounceRereading.Change> changes = new ArrayList<>();
		Map<Long, List<Kept>> byRegistrant = new LinkedHashMap<>();
		for (Kept bounce : kept) {
			byRegistrant.computeIfAbsent(bounce.registrantId(), r -> new ArrayList<>()).add(bounce);
			if (bounce.before() != bounce.after()) {
				changes.add(new BounceRereading.Change(bounce.registrantId(), bounce.receivedAt(),
						bounce.before() == null ? policy.legacyLabel(bounce.kind()) : policy.label(bounce.before()),
						policy.label(bounce.after()), bounce.evidence().status(), bounce.evidence().diagnostic()));
			}
		}
		Map<Long, Instant> stopped = recipients.getObject().stoppedForBouncing(bodyId);
		Set<Long> resumes = new TreeSet<>();
		Set<Long> wouldStop = new TreeSet<>();
		byRegistrant.forEach((registrant, bounces) -> {
			Instant stoppedAt = stopped.get(registrant);
			if (stoppedAt != null && !stops(bounces, stoppedAt)) {
				resumes.add(registrant);
			}
			else if (stoppedAt == null && bounces.stream()
				.anyMatch(b -> b.after().effect() == BounceReason.Effect.STOPS
						&& (b.before() == null || b.before().effect() != BounceReason.Effect.STOPS))) {
				wouldStop.add(registrant);
			}
		});
		if (apply) {
			for (Kept bounce : kept) {
				if (bounce.before() != bounce.after() || bounce.version() != BounceClassifier.VERSION) {
					jdbc.sql("UPDATE delivery_bounce SET reason = :reason, kind = :kind, classifier_version = :version"
							+ " WHERE id = :id")
						.param("reason", bounce.after().name())
						.param("kind", Bounces.kind(bounce.after()))
						.param("version", BounceClassifier.VERSION)
						.param("id", bounce.id())
						.update();
				}
			}
			resumes.forEach(registrant -> recipients.getObject()
				.resumeReclassified(registrant, "reclassified:v" + BounceClassifier.VERSION));
		}
		return new BounceRereading(kept.size(), changes, List.copyOf(resumes), List.copyOf(wouldStop), apply);
	}

	/**
	 * Whether the bounces up to the stop, read anew, stop the address: one that stops, or
	 * enough that count within the window before it.
	 */
	private boolean stops(List<Kept> bounces, Instant stoppedAt) {
		Instant until = stoppedAt.plusSeconds(1);
		List<Instant> counted = new ArrayList<>();
		for (Kept bounce : bounces) {
			if (bounce.receivedAt().isAfter(until)) {
				continue;
			}
			if (bounce.after().effect() == BounceReason.Effect.STOPS) {
				return true;
			}
			if (bounce.after().effect() == BounceReason.Effect.COUNTS
					&& bounce.receivedAt().isAfter(policy.windowStart(stoppedAt))) {
				counted.add(bounce.receivedAt());
			}
		}
		return policy.stopReason(BounceReason.UNDEFINED, null, null, counted) != null;
	}

	private record Kept(long id, long registrantId, Instant receivedAt, String kind, @Nullable BounceReason before,
			BounceReason after, int version, BounceEvidence evidence) {
	}

	/** kept-bounces: the body's newest bounces, by registrant and time, read anew. */
	private List<Kept> kept(long bodyId) {
		List<Kept> newestFirst = jdbc
			.sql("""
					SELECT id, registrant_id, received_at, kind, reason, classifier_version, bounce_format, status, diagnostic,
					       smtp_command, dsn_action, reporter, subject, evidence
					FROM delivery_bounce WHERE body_id = :body ORDER BY id DESC LIMIT :max
					""")
			.param("body", bodyId)
			.param("max", MAX)
			.query((rs, n) -> {
				String format = rs.getString("bounce_format");
				String status = rs.getString("status");
				BounceEvidence evidence = new BounceEvidence(
						format != null ? BounceEvidence.Format.valueOf(format)
								: status != null ? BounceEvidence.Format.DSN : BounceEvidence.Format.TEXT,
						status, rs.getString("diagnostic"), rs.getString("smtp_command"), rs.getString("dsn_action"),
						rs.getString("reporter"), rs.getString("subject"), rs.getString("evidence"));
				String reason = rs.getString("reason");
				return new Kept(rs.getLong("id"), rs.getLong("registrant_id"),
						rs.getObject("received_at", OffsetDateTime.class).toInstant(), rs.getString("kind"),
						reason == null ? null : BounceReason.valueOf(reason), BounceClassifier.classify(evidence),
						rs.getInt("classifier_version"), evidence);
			})
			.list();
		List<Kept> oldestFirst = new ArrayList<>(newestFirst);
		Collections.reverse(oldestFirst);
		return oldestFirst;
	}

}
