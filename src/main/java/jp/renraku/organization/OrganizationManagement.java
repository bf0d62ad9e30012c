package jp.renraku.organization;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jp.renraku.audit.AuditAction;
import jp.renraku.audit.AuditTrail;
import jp.renraku.common.BodyDirectory;
import jp.renraku.common.Sender;
import jp.renraku.common.NotFoundException;
import jp.renraku.delivery.DeliveryManagement;
import jp.renraku.delivery.SendingRules;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The organization module's API: creating, changing, suspending and looking up bodies.
 * Only the system administrator reaches the changing methods (through
 * {@code /admin/bodies}).
 */
@Service
public class OrganizationManagement implements BodyDirectory, SendingRules {

	private final Bodies bodies;

	private final AuditTrail audit;

	private final Clock clock;

	private final DeliveryManagement delivery;

	private final PermitManagement permits;

	private final SenderIdentities senders;

	OrganizationManagement(Bodies bodies, AuditTrail audit, Clock clock, DeliveryManagement delivery,
			PermitManagement permits, SenderIdentities senders) {
		this.senders = senders;
		this.permits = permits;
		this.bodies = bodies;
		this.audit = audit;
		this.clock = clock;
		this.delivery = delivery;
	}

	@Override
	@Transactional(readOnly = true)
	public boolean suspended(long bodyId) {
		return bodies.find(bodyId).map(body -> body.state() == BodyState.SUSPENDED).orElse(false);
	}

	/** How much of the body's mail is waiting (held, while it is suspended). */
	@Transactional(readOnly = true)
	public long waitingMail(long bodyId) {
		return delivery.waiting(bodyId);
	}

	@Transactional(readOnly = true)
	public Optional<Body> find(long bodyId) {
		return bodies.find(bodyId);
	}

	@Transactional(readOnly = true)
	public Body get(long bodyId) {
		return bodies.find(bodyId).orElseThrow(() -> new NotFoundException("body " + bodyId));
	}

	@Override
	@Transactional(readOnly = true)
	public Map<Long, String> namesById() {
		return bodies.all().stream().collect(Collectors.toMap(Body::id, Body::name));
	}

	/**
	 * Bodies whose mail waits or is limited: paused or suspended by the system
	 * administrator, without a permit valid today (Art. 6), or with an hourly limit.
	 */
	@Override
	@Transactional(readOnly = true)
	public Map<Long, SendingRules.Rule> rules() {
		Set<Long> permitted = permits.permittedBodies();
		return bodies.all()
			.stream()
			.filter(b -> !b.maySend() || !permitted.contains(b.id()) || b.hourlyLimit() != null)
			.collect(Collectors.toMap(Body::id,
					b -> new SendingRules.Rule(b.maySend() && permitted.contains(b.id()), b.hourlyLimit())));
	}

	/** The body's permits, newest first (for the system administrator's body page). */
	@Transactional(readOnly = true)
	public List<UsagePermit> permitsOf(long bodyId) {
		return permits.permitsOf(bodyId);
	}

	@Override
	public Sender sender(long bodyId) {
		return senders.sender(bodyId);
	}

	@Override
	@Transactional(readOnly = true)
	public boolean permitted(long bodyId) {
		return permits.permitted(bodyId);
	}

	@Transactional(readOnly = true)
	public List<Body> all() {
		return bodies.all();
	}

	@Transactional(readOnly = true)
	public boolean nameTaken(String name, long exceptBodyId) {
		return bodies.nameTaken(name, exceptBodyId);
	}

	@Transactional
	public long create(String name, BodyKind kind) {
		long id = bodies.insert(name, kind, clock.instant());
		audit.record(AuditAction.BODY_CREATED, id, "body:" + id, name + " / " + kind);
		return id;
	}

	@Transactional
	public void update(long bodyId, String name, BodyKind kind) {
		Body body = get(bodyId);
		String before = body.name() + " / " + body.kind();
		body.rename(name, kind);
		bodies.update(body, clock.instant());
		audit.record(AuditAction.BODY_UPDATED, bodyId, "body:" + bodyId, before + " -> " + name + " / " + kind);
	}

	/**
	 * A body setting: routine notices need a second person's approval (emergencies may
	 * bypass).
	 */
	@Transactional
	public void setNoticeApprovalRequired(long bodyId, boolean required) {
		Body body = get(bodyId);
		body.requireNoticeApproval(required);
		bodies.update(body, clock.instant());
		audit.record(AuditAction.BODY_UPDATED, bodyId, "body:" + bodyId, "notice-approval-required:" + required);
	}

	/**
	 * Art. 3-2-3: the system administrator's limit per hour and pause of a body's
	 * sending.
	 */
	@Transactional
	public void controlSending(long bodyId, @Nullable Integer hourlyLimit, boolean paused) {
		Body body = get(bodyId);
		body.limitSending(hourlyLimit, paused);
		bodies.update(body, clock.instant());
		audit.record(AuditAction.BODY_SENDING_CONTROLLED, bodyId, "body:" + bodyId,
				"hourly-limit:" + hourlyLimit + " paused:" + paused);
	}

	/**
	 * Art. 6-3: the body's sending stops at once (its waiting mail is held, not lost),
	 * its registration pages say registration is paused, its staff can only read.
	 */
	@Transactional
	public void suspend(long bodyId, String reason) {
		Body body = get(bodyId);
		body.suspend(reason);
		bodies.update(body, clock.instant());
		audit.record(AuditAction.BODY_SUSPENDED, bodyId, "body:" + bodyId, reason);
		delivery.rulesChanged();
	}

	/**
	 * Reinstates a suspended body. The mail held meanwhile goes out only if the system
	 * administrator chose so; otherwise it is discarded. Returns how many held messages
	 * were sent on or discarded.
	 */
	@Transactional
	public long reactivate(long bodyId, String reason, boolean sendHeld) {
		Body body = get(bodyId);
		body.reactivate(reason);
		bodies.update(body, clock.instant());
		long held = sendHeld ? delivery.waiting(bodyId) : delivery.discardWaiting(bodyId);
		audit.record(AuditAction.BODY_REACTIVATED, bodyId, "body:" + bodyId,
				"held-mail:" + (sendHeld ? "sent " : "discarded ") + held + " / " + reason);
		delivery.rulesChanged();
		return held;
	}

}
