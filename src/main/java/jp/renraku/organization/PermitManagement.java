package jp.renraku.organization;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jp.renraku.audit.AuditAction;
import jp.renraku.audit.AuditTrail;
import jp.renraku.common.NotFoundException;
import jp.renraku.common.RenrakuProperties;
import jp.renraku.common.Role;
import jp.renraku.common.Staff;
import jp.renraku.scan.UploadRefused;
import jp.renraku.scan.UploadScanning;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Art. 6: usage applications (様式第1号) and permits (様式第2号). A body's operations manager, or
 * the system administrator on its behalf, writes and submits the application; the system
 * administrator returns it for correction, rejects it, or approves it, which issues a
 * numbered permit for a period. A body sends and takes registrations only while it holds
 * a permit valid that day. Permits ending within 30 days are announced once.
 */
@Service
public class PermitManagement {

	/** How long before its end a permit's holders are told. */
	static final int EXPIRY_NOTICE_DAYS = 30;

	private final Permits permits;

	private final Bodies bodies;

	private final AuditTrail audit;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final ZoneId zone;

	private final UploadScanning scanning;

	PermitManagement(Permits permits, Bodies bodies, AuditTrail audit, ApplicationEventPublisher events, Clock clock,
			RenrakuProperties properties, UploadScanning scanning) {
		this.scanning = scanning;
		this.permits = permits;
		this.bodies = bodies;
		this.audit = audit;
		this.events = events;
		this.clock = clock;
		this.zone = properties.timeZone();
	}

	ZoneId zone() {
		return zone;
	}

	LocalDate today() {
		return LocalDate.ofInstant(clock.instant(), zone);
	}

	/** The Japanese fiscal year a day falls in: April to March. */
	static int fiscalYear(LocalDate day) {
		return day.getMonthValue() >= 4 ? day.getYear() : day.getYear() - 1;
	}

	/** Whether the body holds a permit valid today. */
	@Transactional(readOnly = true)
	public boolean permitted(long bodyId) {
		LocalDate today = today();
		return permits.permitsOf(bodyId).stream().anyMatch(p -> p.validOn(today));
	}

	/** Every body with a permit valid today, for the delivery engine's rules. */
	@Transactional(readOnly = true)
	public Set<Long> permittedBodies() {
		return permits.permittedBodies(today());
	}

	@Transactional(readOnly = true)
	List<UsagePermit> permitsOf(long bodyId) {
		return permits.permitsOf(bodyId);
	}

	@Transactional(readOnly = true)
	public List<UsagePermit> permitsOf(Staff staff, long bodyId) {
		requireBodyAccess(staff, bodyId);
		return permits.permitsOf(bodyId);
	}

	@Transactional(readOnly = true)
	public UsagePermit permit(Staff staff, long permitId) {
		UsagePermit permit = permits.permit(permitId).orElseThrow(() -> new NotFoundException("permit " + permitId));
		requireBodyAccess(staff, permit.bodyId());
		return permit;
	}

	@Transactional(readOnly = true)
	public List<UsageApplication> applications(Staff staff) {
		return permits.applications(staff.isSystemAdmin() ? null : managedBody(staff));
	}

	@Transactional(readOnly = true)
	public UsageApplication application(Staff staff, long id) {
		UsageApplication application = permits.application(id)
			.orElseThrow(() -> new NotFoundException("application " + id));
		requireBodyAccess(staff, application.bodyId());
		return application;
	}

	@Transactional(readOnly = true)
	public Optional<byte[]> handlingRulesPdf(Staff staff, long id) {
		application(staff, id);
		return permits.pdf(id);
	}

	/** A new draft for the body; one open application per body at a time. */
	@Transactional
	public long apply(Staff staff, long bodyId, UsageApplication.Content content) {
		requireBodyAccess(staff, bodyId);
		bodies.find(bodyId).orElseThrow(() -> new NotFoundException("body " + bodyId));
		if (permits.hasOpenApplication(bodyId)) {
			throw new BodyStateException("application.error.open");
		}
		check(content);
		scan(staff, content);
		long id = permits.insertApplication(bodyId, content, staff.accountId(), clock.instant());
		audit.record(AuditAction.APPLICATION_SAVED, bodyId, "application:" + id, null);
		return id;
	}

	@Transactional
	public void update(Staff staff, long id, UsageApplication.Content content) {
		UsageApplication application = application(staff, id);
		if (!application.editable()) {
			throw new BodyStateException("application.error.notEditable");
		}
		check(content);
		scan(staff, content);
		permits.updateApplication(id, content, clock.instant());
		audit.record(AuditAction.APPLICATION_SAVED, application.bodyId(), "application:" + id, null);
	}

	/**
	 * The attached PDF is scanned before it is stored (issue 20); {@link UploadRefused}
	 * when infected or when the scanner could not check it.
	 */
	private void scan(Staff staff, UsageApplication.Content content) {
		if (content.pdf() != null) {
			scanning.check(staff, content.pdfName() == null ? "handling-rules.pdf" : content.pdfName(), content.pdf());
		}
	}

	@Transactional
	public void submit(Staff staff, long id) {
		UsageApplication application = application(staff, id);
		if (!application.editable()) {
			throw new BodyStateException("application.error.notEditable");
		}
		if (application.handlingRules() == null && !application.hasPdf()) {
			throw new BodyStateException("application.error.handlingRules");
		}
		if (!permits.transition(id, application.state(), UsageApplication.State.SUBMITTED, null, null,
				clock.instant())) {
			throw new BodyStateException("application.error.notEditable");
		}
		audit.record(AuditAction.APPLICATION_SUBMITTED, application.bodyId(), "application:" + id, null);
	}

	/** Back to the applicant with what to correct. */
	@Transactional
	public void returnForCorrection(Staff admin, long id, String comment) {
		review(admin, id, UsageApplication.State.RETURNED, comment, AuditAction.APPLICATION_RETURNED);
	}

	@Transactional
	public void reject(Staff admin, long id, String comment) {
		review(admin, id, UsageApplication.State.REJECTED, comment, AuditAction.APPLICATION_REJECTED);
	}

	/**
	 * Approves the application and issues the permit (様式第2号) for the period; the number
	 * is the fiscal year of issue and the next serial in it. Returns the permit.
	 */
	@Transactional
	public long approve(Staff admin, long id, LocalDate validFrom, LocalDate validUntil, @Nullable String conditions) {
		UsageApplication application = requireAdmin(admin, id);
		if (validUntil.isBefore(validFrom)) {
			throw new BodyStateException("permit.error.period");
		}
		if (!permits.transition(id, UsageApplication.State.SUBMITTED, UsageApplication.State.APPROVED,
				admin.accountId(), conditions, clock.instant())) {
			throw new BodyStateException("application.error.notSubmitted");
		}
		LocalDate today = today();
		long permit = permits.insertPermit(application.bodyId(), id, fiscalYear(today), today, validFrom, validUntil,
				conditions, admin.accountId());
		UsagePermit issued = permits.permit(permit).orElseThrow();
		audit.record(AuditAction.PERMIT_ISSUED, application.bodyId(), "permit:" + issued.number(),
				validFrom + ".." + validUntil);
		return permit;
	}

	private void review(Staff admin, long id, UsageApplication.State to, String comment, AuditAction action) {
		UsageApplication application = requireAdmin(admin, id);
		if (!permits.transition(id, UsageApplication.State.SUBMITTED, to, admin.accountId(), comment,
				clock.instant())) {
			throw new BodyStateException("application.error.notSubmitted");
		}
		audit.record(action, application.bodyId(), "application:" + id, comment);
	}

	/**
	 * Announces permits ending within 30 days, each once, even with several nodes running
	 * this. Returns how many were announced.
	 */
	@Transactional
	public int announceExpiries() {
		LocalDate today = today();
		int announced = 0;
		for (UsagePermit permit : permits.endingBy(today, today.plusDays(EXPIRY_NOTICE_DAYS))) {
			if (permits.claimExpiryNotice(permit.id(), clock.instant())) {
				String name = bodies.find(permit.bodyId()).map(Body::name).orElse("");
				events.publishEvent(new PermitExpiring(permit.bodyId(), name, permit.number(), permit.validUntil()));
				audit.record(AuditAction.PERMIT_EXPIRY_ANNOUNCED, permit.bodyId(), "permit:" + permit.number(),
						String.valueOf(permit.validUntil()));
				announced++;
			}
		}
		return announced;
	}

	private static void check(UsageApplication.Content content) {
		if (content.periodEnd().isBefore(content.periodStart())) {
			throw new BodyStateException("permit.error.period");
		}
	}

	private UsageApplication requireAdmin(Staff staff, long id) {
		if (!staff.isSystemAdmin()) {
			throw new NotFoundException("application " + id);
		}
		return application(staff, id);
	}

	/** The system administrator reaches every body; an operations manager their own. */
	private void requireBodyAccess(Staff staff, long bodyId) {
		if (!staff.isSystemAdmin() && managedBody(staff) != bodyId) {
			throw new NotFoundException("body " + bodyId);
		}
	}

	private long managedBody(Staff staff) {
		if (staff.role() != Role.OPERATIONS_MANAGER) {
			throw new NotFoundException("applications");
		}
		return staff.requireBody();
	}

}
