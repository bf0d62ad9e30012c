package jp.renraku.organization;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A body (実施機関). Guards its own state: only an active body can be suspended, only a
 * suspended one reactivated.
 */
public final class Body {

	private final long id;

	private String name;

	private BodyKind kind;

	private BodyState state;

	private @Nullable String stateReason;

	private final Instant createdAt;

	private boolean noticeApprovalRequired;

	private @Nullable Integer hourlyLimit;

	private boolean sendingPaused;

	Body(long id, String name, BodyKind kind, BodyState state, @Nullable String stateReason, Instant createdAt,
			boolean noticeApprovalRequired, @Nullable Integer hourlyLimit, boolean sendingPaused) {
		this.noticeApprovalRequired = noticeApprovalRequired;
		this.hourlyLimit = hourlyLimit;
		this.sendingPaused = sendingPaused;
		this.id = id;
		this.name = name;
		this.kind = kind;
		this.state = state;
		this.stateReason = stateReason;
		this.createdAt = createdAt;
	}

	public long id() {
		return id;
	}

	public String name() {
		return name;
	}

	public BodyKind kind() {
		return kind;
	}

	public BodyState state() {
		return state;
	}

	public @Nullable String stateReason() {
		return stateReason;
	}

	public Instant createdAt() {
		return createdAt;
	}

	/**
	 * Whether routine notices need a second person's approval before they can be sent.
	 */
	public boolean noticeApprovalRequired() {
		return noticeApprovalRequired;
	}

	/** Messages per hour this body may send; {@code null} for no limit (Art. 3-2-3). */
	public @Nullable Integer hourlyLimit() {
		return hourlyLimit;
	}

	/** Whether the system administrator has paused this body's sending. */
	public boolean sendingPaused() {
		return sendingPaused;
	}

	/** Whether mail of this body may go out now: active and not paused. */
	public boolean maySend() {
		return state == BodyState.ACTIVE && !sendingPaused;
	}

	void limitSending(@Nullable Integer perHour, boolean paused) {
		this.hourlyLimit = perHour;
		this.sendingPaused = paused;
	}

	void requireNoticeApproval(boolean required) {
		this.noticeApprovalRequired = required;
	}

	public boolean active() {
		return state == BodyState.ACTIVE;
	}

	void rename(String newName, BodyKind newKind) {
		this.name = newName;
		this.kind = newKind;
	}

	void suspend(String reason) {
		if (state != BodyState.ACTIVE) {
			throw new BodyStateException("body.error.notActive");
		}
		this.state = BodyState.SUSPENDED;
		this.stateReason = reason;
	}

	void reactivate(String reason) {
		if (state != BodyState.SUSPENDED) {
			throw new BodyStateException("body.error.notSuspended");
		}
		this.state = BodyState.ACTIVE;
		this.stateReason = reason;
	}

}
