package jp.renraku.account;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import jp.renraku.common.Role;
import jp.renraku.common.Sql;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Storage of staff accounts and their password history. Every statement that reads or
 * writes a body's accounts on behalf of an operations manager carries the body id.
 */
@Repository
class Accounts {

	/** The columns {@link #ROW} reads. */
	private static final String COLUMNS = """
			id, login_id, display_name, email, role, body_id, state, password_hash, password_changed_at,
			password_temporary, temporary_expires_at, totp_secret, totp_enabled, totp_last_step, created_at,
			last_sign_in_at, leaves_on, retired_at, session_epoch
			""";

	private static final RowMapper<Account> ROW = (rs, n) -> new Account(rs.getLong("id"), rs.getString("login_id"),
			rs.getString("display_name"), rs.getString("email"), Role.valueOf(rs.getString("role")),
			(Long) rs.getObject("body_id", Long.class), AccountState.valueOf(rs.getString("state")),
			rs.getString("password_hash"), Sql.instant(rs.getObject("password_changed_at", OffsetDateTime.class)),
			rs.getBoolean("password_temporary"),
			Sql.instant(rs.getObject("temporary_expires_at", OffsetDateTime.class)), rs.getString("totp_secret"),
			rs.getBoolean("totp_enabled"), (Long) rs.getObject("totp_last_step", Long.class),
			Sql.instant(rs.getObject("created_at", OffsetDateTime.class)),
			Sql.instant(rs.getObject("last_sign_in_at", OffsetDateTime.class)),
			rs.getObject("leaves_on", LocalDate.class), Sql.instant(rs.getObject("retired_at", OffsetDateTime.class)),
			rs.getInt("session_epoch"));

	private final JdbcClient jdbc;

	Accounts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** insert-account: a new account with a temporary password that must be changed. */
	long insert(String loginId, String displayName, @Nullable String email, Role role, @Nullable Long bodyId,
			String temporaryHash, Instant temporaryExpiresAt, Instant now) {
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		jdbc.sql("""
				INSERT INTO staff_account (login_id, display_name, email, role, body_id, state, password_hash,
				       password_changed_at, password_temporary, temporary_expires_at, created_at, updated_at)
				VALUES (:loginId, :displayName, :email, :role, :bodyId, 'ACTIVE', :hash,
				        :now, TRUE, :expires, :now, :now)
				""")
			.param("loginId", loginId)
			.param("displayName", displayName)
			.param("email", email)
			.param("role", role.name())
			.param("bodyId", bodyId)
			.param("hash", temporaryHash)
			.param("expires", Sql.utc(temporaryExpiresAt))
			.param("now", Sql.utc(now))
			.update(keys, "id");
		return keys.getKeyAs(Long.class);
	}

	/** find-account: one account by its id, in any body. */
	Optional<Account> find(long id) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM staff_account WHERE id = :id")
			.param("id", id)
			.query(ROW)
			.optional();
	}

	/**
	 * find-in-body: the tenancy guard for operations managers; another body's account is
	 * absent.
	 */
	Optional<Account> findInBody(long id, long bodyId) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM staff_account WHERE id = :id AND body_id = :bodyId")
			.param("id", id)
			.param("bodyId", bodyId)
			.query(ROW)
			.optional();
	}

	/** find-by-login-id: the account with the (normalised) login ID. */
	Optional<Account> findByLoginId(String loginId) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM staff_account WHERE login_id = :loginId")
			.param("loginId", loginId)
			.query(ROW)
			.optional();
	}

	/** login-id-taken: whether any account, retired ones too, has the ID. */
	boolean loginIdTaken(String loginId) {
		return jdbc.sql("SELECT COUNT(*) FROM staff_account WHERE login_id = :loginId")
			.param("loginId", loginId)
			.query(Long.class)
			.single() > 0;
	}

	/**
	 * body-of-login-id: whether the ID is taken, and by whom: the account's body, or -1
	 * for a system administrator.
	 */
	Optional<Long> bodyOfLoginId(String loginId) {
		return jdbc.sql("SELECT COALESCE(body_id, -1) FROM staff_account WHERE login_id = :loginId")
			.param("loginId", loginId)
			.query(Long.class)
			.optional();
	}

	/** any-account: whether there is an account at all. */
	boolean any() {
		return jdbc.sql("SELECT COUNT(*) FROM staff_account").query(Long.class).single() > 0;
	}

	/** all-accounts: every account, city-wide ones first, then by body, role and ID. */
	List<Account> all() {
		return jdbc.sql("SELECT " + COLUMNS + " FROM staff_account ORDER BY body_id NULLS FIRST, role, login_id")
			.query(ROW)
			.list();
	}

	/** accounts-in-body: the body's accounts, by role and ID. */
	List<Account> inBody(long bodyId) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM staff_account WHERE body_id = :bodyId ORDER BY role, login_id")
			.param("bodyId", bodyId)
			.query(ROW)
			.list();
	}

	/** active-system-admins: the system administrators whose account is active. */
	List<Account> activeSystemAdmins() {
		return jdbc
			.sql("SELECT " + COLUMNS
					+ " FROM staff_account WHERE role = 'SYSTEM_ADMIN' AND state = 'ACTIVE' ORDER BY id")
			.query(ROW)
			.list();
	}

	/** signed-in: a successful sign-in's time is recorded (Art. 11-1-2 reviews). */
	void signedIn(long id, Instant now) {
		jdbc.sql("UPDATE staff_account SET last_sign_in_at = :now WHERE id = :id")
			.param("now", Sql.utc(now))
			.param("id", id)
			.update();
	}

	/** end-sessions: every session signed in before ends at its next page. */
	void endSessions(long id) {
		jdbc.sql("UPDATE staff_account SET session_epoch = session_epoch + 1 WHERE id = :id").param("id", id).update();
	}

	/**
	 * claim-lockout-mail: true for the first caller in {@code quiet}, so that the holder
	 * gets at most one mail about locks in that time.
	 */
	boolean claimLockoutMail(long id, Instant now, Duration quiet) {
		return jdbc.sql("""
				UPDATE staff_account SET lockout_mailed_at = :now
				WHERE id = :id AND (lockout_mailed_at IS NULL OR lockout_mailed_at < :since)
				""").param("now", Sql.utc(now)).param("since", Sql.utc(now.minus(quiet))).param("id", id).update() == 1;
	}

	/** set-leaves-on: the day the holder leaves, or none. */
	void setLeavesOn(long id, @Nullable LocalDate leavesOn, Instant now) {
		jdbc.sql("UPDATE staff_account SET leaves_on = :leavesOn, updated_at = :now WHERE id = :id")
			.param("leavesOn", leavesOn)
			.param("now", Sql.utc(now))
			.param("id", id)
			.update();
	}

	/** set-password: a password the holder chose; ends any temporary password. */
	void setChosenPassword(long id, String hash, Instant now) {
		jdbc.sql("""
				UPDATE staff_account SET password_hash = :hash, password_changed_at = :now,
				       password_temporary = FALSE, temporary_expires_at = NULL, updated_at = :now,
				       session_epoch = session_epoch + 1
				WHERE id = :id
				""").param("hash", hash).param("now", Sql.utc(now)).param("id", id).update();
		jdbc.sql("INSERT INTO password_history (account_id, password_hash, created_at) VALUES (:id, :hash, :now)")
			.param("id", id)
			.param("hash", hash)
			.param("now", Sql.utc(now))
			.update();
	}

	/**
	 * set-temporary-password: issued by an administrator; reopens a leak-locked account.
	 */
	void setTemporaryPassword(long id, String hash, Instant expires, Instant now) {
		jdbc.sql("""
				UPDATE staff_account SET password_hash = :hash, password_changed_at = :now,
				       password_temporary = TRUE, temporary_expires_at = :expires,
				       state = CASE WHEN state = 'LEAK_LOCKED' THEN 'ACTIVE' ELSE state END,
				       session_epoch = session_epoch + 1, updated_at = :now
				WHERE id = :id
				""")
			.param("hash", hash)
			.param("expires", Sql.utc(expires))
			.param("now", Sql.utc(now))
			.param("id", id)
			.update();
	}

	/** recent-password-hashes: the holder's last chosen passwords, newest first. */
	List<String> recentPasswordHashes(long id, int count) {
		return jdbc.sql("""
				SELECT password_hash FROM password_history WHERE account_id = :id
				ORDER BY created_at DESC, id DESC LIMIT :count
				""").param("id", id).param("count", count).query(String.class).list();
	}

	/** set-state: active, leak-locked or retired (retirement keeps its time). */
	void setState(long id, AccountState state, Instant now) {
		jdbc.sql("""
				UPDATE staff_account SET state = :state, updated_at = :now,
				       retired_at = CASE WHEN :state = 'RETIRED' THEN :now ELSE retired_at END
				WHERE id = :id
				""").param("state", state.name()).param("now", Sql.utc(now)).param("id", id).update();
	}

	/** set-profile: name and e-mail address. */
	void setProfile(long id, String displayName, @Nullable String email, Instant now) {
		jdbc.sql("UPDATE staff_account SET display_name = :name, email = :email, updated_at = :now WHERE id = :id")
			.param("name", displayName)
			.param("email", email)
			.param("now", Sql.utc(now))
			.param("id", id)
			.update();
	}

	/** set-placement: body and role after a transfer; only for body-bound roles. */
	void setPlacement(long id, long bodyId, Role role, Instant now) {
		jdbc.sql("UPDATE staff_account SET body_id = :bodyId, role = :role, updated_at = :now WHERE id = :id")
			.param("bodyId", bodyId)
			.param("role", role.name())
			.param("now", Sql.utc(now))
			.param("id", id)
			.update();
	}

	/** set-totp: the two-factor secret, or none; the last used step is forgotten. */
	void setTotp(long id, @Nullable String secret, boolean enabled, Instant now) {
		jdbc.sql("""
				UPDATE staff_account SET totp_secret = :secret, totp_enabled = :enabled, totp_last_step = NULL,
				       updated_at = :now
				WHERE id = :id
				""")
			.param("secret", secret)
			.param("enabled", enabled)
			.param("now", Sql.utc(now))
			.param("id", id)
			.update();
	}

	/**
	 * use-totp-step: records the time step of an accepted code, only if it is newer than
	 * the last one, so a code cannot be replayed. Returns false when the step was already
	 * used.
	 */
	boolean useTotpStep(long id, long step) {
		return jdbc.sql("""
				UPDATE staff_account SET totp_last_step = :step
				WHERE id = :id AND (totp_last_step IS NULL OR totp_last_step < :step)
				""").param("step", step).param("id", id).update() == 1;
	}

	/**
	 * require-totp-for-admins: whether system administrators and operations managers must
	 * sign in with two factors.
	 */
	boolean requireTotpForAdmins() {
		return jdbc.sql("SELECT require_totp_for_admins FROM sign_in_setting WHERE id = 1")
			.query(Boolean.class)
			.single();
	}

	/** set-require-totp-for-admins: the city-wide setting above. */
	void setRequireTotpForAdmins(boolean required) {
		jdbc.sql("UPDATE sign_in_setting SET require_totp_for_admins = :required WHERE id = 1")
			.param("required", required)
			.update();
	}

}
