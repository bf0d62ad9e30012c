package jp.renraku.account;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import jp.renraku.common.Role;
import jp.renraku.common.Staff;
import jp.renraku.organization.BodyKind;
import jp.renraku.organization.OrganizationManagement;
import jp.renraku.organization.PermitManagement;
import jp.renraku.organization.UsageApplication;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;

/**
 * Test-data factory: bodies and ready-to-use staff accounts (one-time password already
 * replaced by a known one), with unique names so tests can share one database.
 */
@Component
public class StaffFixtures {

	public static final String PASSWORD = "Kaeru-ga-naku-kara-kaero-7";

	private static final AtomicInteger counter = new AtomicInteger();

	/** The system administrator every test acts as when it creates data. */
	public static final Staff ROOT = new Staff(0, "fixture-root", "fixture", Role.SYSTEM_ADMIN, null);

	private final AccountManagement accounts;

	private final OrganizationManagement organization;

	private final PermitManagement permits;

	StaffFixtures(AccountManagement accounts, OrganizationManagement organization, PermitManagement permits) {
		this.accounts = accounts;
		this.organization = organization;
		this.permits = permits;
	}

	/** A signed-up staff member and the password they chose. */
	public record TestStaff(Staff staff, String password) {

		public RequestPostProcessor signedIn() {
			return authentication(UsernamePasswordAuthenticationToken.authenticated(staff, null,
					List.of(new SimpleGrantedAuthority(staff.role().authority()))));
		}

		public long id() {
			return staff.accountId();
		}

		public String loginId() {
			return staff.loginId();
		}

	}

	public static String unique(String prefix) {
		return prefix + "-" + counter.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	/**
	 * A body with a usage permit valid for a year, issued through the real application.
	 */
	public long body() {
		long id = bodyWithoutPermit();
		permit(permits, id);
		return id;
	}

	/** A body as the system administrator registers it, before any application. */
	public long bodyWithoutPermit() {
		return organization.create(unique("機関"), BodyKind.OTHER);
	}

	/** Applies for, submits and approves a permit valid from yesterday for a year. */
	public static long permit(PermitManagement permits, long bodyId) {
		LocalDate today = LocalDate.now(java.time.ZoneId.of("Asia/Tokyo"));
		long application = permits.apply(ROOT, bodyId, new UsageApplication.Content("防災情報の配信のため", "防災・防犯情報（利用規程は別紙）",
				today.minusDays(1), today.plusYears(1), 500, "試験 太郎", "防災課 内線1234", "個人情報は施錠した書庫で保管する", null, null));
		permits.submit(ROOT, application);
		return permits.approve(ROOT, application, today.minusDays(1), today.plusYears(1), null);
	}

	public TestStaff systemAdmin() {
		return ready(accounts.createSystemAdmin(ROOT, newAccount("sa")), Role.SYSTEM_ADMIN, null);
	}

	public TestStaff manager(long bodyId) {
		return ready(accounts.createOperationsManager(ROOT, bodyId, newAccount("om")), Role.OPERATIONS_MANAGER, bodyId);
	}

	public TestStaff sender(TestStaff manager) {
		return ready(accounts.createSender(manager.staff(), newAccount("se")), Role.SENDER, manager.staff().bodyId());
	}

	/** An account still on its one-time password, which is returned. */
	public IssuedPassword managerWithTemporaryPassword(long bodyId) {
		return accounts.createOperationsManager(ROOT, bodyId, newAccount("om"));
	}

	private static NewAccount newAccount(String prefix) {
		return new NewAccount(unique(prefix), "試験 太郎", null);
	}

	private TestStaff ready(IssuedPassword issued, Role role, Long bodyId) {
		Staff staff = new Staff(issued.accountId(), issued.loginId(), "試験 太郎", role, bodyId);
		var violations = accounts.changePassword(staff, issued.password(), PASSWORD);
		if (!violations.isEmpty()) {
			throw new IllegalStateException("fixture password refused: " + violations);
		}
		return new TestStaff(staff, PASSWORD);
	}

}
