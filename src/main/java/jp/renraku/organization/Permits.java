package jp.renraku.organization;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.sql.Types;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jp.renraku.common.Sql;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Usage applications and permits in SQL. */
@Repository
class Permits {

	/**
	 * The columns {@link #row} reads: all but the attached PDF, which only {@link #pdf}
	 * reads.
	 */
	private static final String APPLICATION_COLUMNS = """
			id, body_id, state, purpose, planned_lists, period_start, period_end, expected_registrants, manager_name,
			manager_contact, handling_rules, handling_rules_name, created_at, submitted_at, reviewed_by, reviewed_at,
			review_comment
			""";

	/** The columns {@link #permitRow} reads. */
	private static final String PERMIT_COLUMNS = """
			id, body_id, application_id, number, issued_on, valid_from, valid_until, conditions
			""";

	private final JdbcClient jdbc;

	Permits(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** insert-application: a new draft of the body. */
	long insertApplication(long bodyId, UsageApplication.Content content, long by, Instant now) {
		GeneratedKeyHolder key = new GeneratedKeyHolder();
		jdbc.sql("""
				INSERT INTO usage_application (body_id, state, purpose, planned_lists, period_start, period_end,
				    expected_registrants, manager_name, manager_contact, handling_rules, handling_rules_pdf,
				    handling_rules_name, created_by, created_at, updated_at)
				VALUES (:body, 'DRAFT', :purpose, :lists, :start, :end, :expected, :manager, :contact, :rules, :pdf,
				    :pdfName, :by, :now, :now)
				""")
			.paramSource(params(content).addValue("body", bodyId).addValue("by", by).addValue("now", Sql.utc(now)))
			.update(key, "id");
		return key.getKeyAs(Long.class);
	}

	/**
	 * update-application: changes a draft or returned application; a new PDF replaces the
	 * old, none keeps it.
	 */
	void updateApplication(long id, UsageApplication.Content content, Instant now) {
		jdbc.sql("""
				UPDATE usage_application SET purpose = :purpose, planned_lists = :lists, period_start = :start,
				    period_end = :end, expected_registrants = :expected, manager_name = :manager,
				    manager_contact = :contact, handling_rules = :rules,
				    handling_rules_pdf = COALESCE(:pdf, handling_rules_pdf),
				    handling_rules_name = COALESCE(:pdfName, handling_rules_name), updated_at = :now
				WHERE id = :id
				""").paramSource(params(content).addValue("id", id).addValue("now", Sql.utc(now))).update();
	}

	private static Map<String, Object> paramsMap(UsageApplication.Content c) {
		Map<String, Object> m = new HashMap<>();
		m.put("purpose", c.purpose());
		m.put("lists", c.plannedLists());
		m.put("start", c.periodStart());
		m.put("end", c.periodEnd());
		m.put("expected", c.expectedRegistrants());
		m.put("manager", c.managerName());
		m.put("contact", c.managerContact());
		m.put("rules", c.handlingRules());
		m.put("pdf", c.pdf());
		m.put("pdfName", c.pdfName());
		return m;
	}

	private static MapSqlParameterSource params(UsageApplication.Content content) {
		var source = new MapSqlParameterSource(paramsMap(content));
		source.registerSqlType("pdf", Types.VARBINARY);
		source.registerSqlType("start", Types.DATE);
		source.registerSqlType("end", Types.DATE);
		return source;
	}

	/**
	 * transition-application: moves the application from one state to another; false if
	 * it was not in {@code from}.
	 */
	boolean transition(long id, UsageApplication.State from, UsageApplication.State to, @Nullable Long by,
			@Nullable String comment, Instant now) {
		boolean submitting = to == UsageApplication.State.SUBMITTED;
		return jdbc
			.sql("UPDATE usage_application SET state = :to, updated_at = :now"
					+ (submitting ? ", submitted_at = :now"
							: ", reviewed_by = :by, reviewed_at = :now, review_comment = :comment")
					+ " WHERE id = :id AND state = :from")
			.param("to", to.name())
			.param("from", from.name())
			.param("now", Sql.utc(now))
			.param("by", by)
			.param("comment", comment)
			.param("id", id)
			.update() == 1;
	}

	/** find-application: one application by its id. */
	Optional<UsageApplication> application(long id) {
		return jdbc.sql("SELECT " + APPLICATION_COLUMNS + " FROM usage_application WHERE id = :id")
			.param("id", id)
			.query(Permits::row)
			.optional();
	}

	/** applications: the newest 500 applications, of every body or of one. */
	List<UsageApplication> applications(@Nullable Long bodyId) {
		String where = bodyId == null ? "" : " WHERE body_id = :body";
		var statement = jdbc
			.sql("SELECT " + APPLICATION_COLUMNS + " FROM usage_application" + where + " ORDER BY id DESC LIMIT 500");
		return (bodyId == null ? statement : statement.param("body", bodyId)).query(Permits::row).list();
	}

	/** has-open-application: whether the body has a draft, submitted or returned one. */
	boolean hasOpenApplication(long bodyId) {
		return jdbc
			.sql("""
					SELECT COUNT(*) FROM usage_application WHERE body_id = :body AND state IN ('DRAFT', 'SUBMITTED', 'RETURNED')
					""")
			.param("body", bodyId)
			.query(Long.class)
			.single() > 0;
	}

	/** application-pdf: the attached handling rules, if any. */
	Optional<byte[]> pdf(long applicationId) {
		return jdbc.sql("SELECT handling_rules_pdf FROM usage_application WHERE id = :id")
			.param("id", applicationId)
			.query((rs, n) -> rs.getBytes(1))
			.optional()
			.filter(bytes -> bytes != null);
	}

	/**
	 * insert-permit: a permit numbered with the fiscal year and the next serial in it.
	 */
	long insertPermit(long bodyId, @Nullable Long applicationId, int fiscalYear, LocalDate issuedOn,
			LocalDate validFrom, LocalDate validUntil, @Nullable String conditions, long by) {
		int serial = jdbc.sql("SELECT COALESCE(MAX(serial), 0) + 1 FROM usage_permit WHERE fiscal_year = :fy")
			.param("fy", fiscalYear)
			.query(Integer.class)
			.single();
		GeneratedKeyHolder key = new GeneratedKeyHolder();
		jdbc.sql("""
				INSERT INTO usage_permit (body_id, application_id, number, fiscal_year, serial, issued_on, valid_from,
				    valid_until, conditions, issued_by)
				VALUES (:body, :application, :number, :fy, :serial, :issued, :from, :until, :conditions, :by)
				""")
			.param("body", bodyId)
			.param("application", applicationId)
			.param("number", fiscalYear + "-" + String.format("%03d", serial))
			.param("fy", fiscalYear)
			.param("serial", serial)
			.param("issued", issuedOn)
			.param("from", validFrom)
			.param("until", validUntil)
			.param("conditions", conditions)
			.param("by", by)
			.update(key, "id");
		return key.getKeyAs(Long.class);
	}

	/** find-permit: one permit by its id. */
	Optional<UsagePermit> permit(long id) {
		return jdbc.sql("SELECT " + PERMIT_COLUMNS + " FROM usage_permit WHERE id = :id")
			.param("id", id)
			.query(Permits::permitRow)
			.optional();
	}

	/** permits-of-body: the body's permits, newest first. */
	List<UsagePermit> permitsOf(long bodyId) {
		return jdbc
			.sql("SELECT " + PERMIT_COLUMNS
					+ " FROM usage_permit WHERE body_id = :body ORDER BY valid_from DESC, id DESC")
			.param("body", bodyId)
			.query(Permits::permitRow)
			.list();
	}

	/** permitted-bodies: bodies with a permit valid on the day. */
	Set<Long> permittedBodies(LocalDate day) {
		return new HashSet<>(jdbc.sql("""
				SELECT DISTINCT body_id FROM usage_permit
				WHERE valid_from <= :day AND (valid_until IS NULL OR valid_until >= :day)
				""").param("day", day).query(Long.class).list());
	}

	/**
	 * permits-ending: permits ending within the window whose holders have not been told
	 * yet.
	 */
	List<UsagePermit> endingBy(LocalDate day, LocalDate last) {
		return jdbc
			.sql("SELECT " + PERMIT_COLUMNS
					+ """
							FROM usage_permit
							WHERE valid_until IS NOT NULL AND valid_until >= :day AND valid_until <= :last AND expiry_notified_at IS NULL
							""")
			.param("day", day)
			.param("last", last)
			.query(Permits::permitRow)
			.list();
	}

	/**
	 * claim-expiry-notice: the permit's expiry notice is sent once, by whichever node
	 * claims it first.
	 */
	boolean claimExpiryNotice(long permitId, Instant now) {
		return jdbc
			.sql("UPDATE usage_permit SET expiry_notified_at = :now WHERE id = :id AND expiry_notified_at IS NULL")
			.param("now", Sql.utc(now))
			.param("id", permitId)
			.update() == 1;
	}

	private static UsageApplication row(ResultSet rs, int n) throws SQLException {
		return new UsageApplication(rs.getLong("id"), rs.getLong("body_id"),
				UsageApplication.State.valueOf(rs.getString("state")), rs.getString("purpose"),
				rs.getString("planned_lists"), rs.getObject("period_start", LocalDate.class),
				rs.getObject("period_end", LocalDate.class), rs.getInt("expected_registrants"),
				rs.getString("manager_name"), rs.getString("manager_contact"), rs.getString("handling_rules"),
				rs.getString("handling_rules_name"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
				Sql.instant(rs.getObject("submitted_at", OffsetDateTime.class)),
				(Long) rs.getObject("reviewed_by", Long.class),
				Sql.instant(rs.getObject("reviewed_at", OffsetDateTime.class)), rs.getString("review_comment"));
	}

	private static UsagePermit permitRow(ResultSet rs, int n) throws SQLException {
		return new UsagePermit(rs.getLong("id"), rs.getLong("body_id"),
				(Long) rs.getObject("application_id", Long.class), rs.getString("number"),
				rs.getObject("issued_on", LocalDate.class), rs.getObject("valid_from", LocalDate.class),
				rs.getObject("valid_until", LocalDate.class), rs.getString("conditions"));
	}

}
