package jp.renraku.incident;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jp.renraku.common.Sql;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The incident register in SQL. There is no DELETE here on purpose: the record is only
 * ever added to.
 */
@Repository
class Incidents {

	/** The columns {@link #row} reads. */
	private static final String INCIDENT_COLUMNS = """
			id, kind, state, title, description, discovered_at, affected_people, immediate_measures, reported_by,
			reported_at, escalated_at
			""";

	/** The columns {@link #requestRow} reads. */
	private static final String REQUEST_COLUMNS = """
			id, incident_id, body_id, question, due_on, requested_by, requested_at, answer, answered_by, answered_at
			""";

	private final JdbcClient jdbc;

	Incidents(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** What a reporter states. */
	record Report(IncidentKind kind, String title, String description, Instant discoveredAt,
			@Nullable Integer affectedPeople, @Nullable String immediateMeasures) {
	}

	/** insert-incident: a new report, with the bodies involved. */
	long insert(Report report, long reportedBy, Collection<Long> bodyIds, Instant now) {
		GeneratedKeyHolder key = new GeneratedKeyHolder();
		jdbc.sql("""
				INSERT INTO incident (kind, state, title, description, discovered_at, affected_people,
				                      immediate_measures, reported_by, reported_at, updated_at)
				VALUES (:kind, 'REPORTED', :title, :description, :discovered, :people, :measures, :by, :now, :now)
				""")
			.param("kind", report.kind().name())
			.param("title", report.title())
			.param("description", report.description())
			.param("discovered", Sql.utc(report.discoveredAt()))
			.param("people", report.affectedPeople())
			.param("measures", report.immediateMeasures())
			.param("by", reportedBy)
			.param("now", Sql.utc(now))
			.update(key, "id");
		long id = key.getKeyAs(Long.class);
		bodyIds.forEach(body -> addBody(id, body));
		return id;
	}

	/** add-body: one more body involved; its staff see the incident. */
	void addBody(long incidentId, long bodyId) {
		jdbc.sql("INSERT INTO incident_body (incident_id, body_id) VALUES (:id, :body)")
			.param("id", incidentId)
			.param("body", bodyId)
			.update();
	}

	/** amend-incident: the report as changed (the timeline keeps what it said). */
	void amend(long id, Report report, Instant now) {
		jdbc.sql("""
				UPDATE incident SET kind = :kind, title = :title, description = :description,
				       discovered_at = :discovered, affected_people = :people, immediate_measures = :measures,
				       updated_at = :now
				WHERE id = :id
				""")
			.param("kind", report.kind().name())
			.param("title", report.title())
			.param("description", report.description())
			.param("discovered", Sql.utc(report.discoveredAt()))
			.param("people", report.affectedPeople())
			.param("measures", report.immediateMeasures())
			.param("now", Sql.utc(now))
			.param("id", id)
			.update();
	}

	/** set-state: where the handling of the incident stands. */
	void setState(long id, IncidentState state, Instant now) {
		jdbc.sql("UPDATE incident SET state = :state, updated_at = :now WHERE id = :id")
			.param("state", state.name())
			.param("now", Sql.utc(now))
			.param("id", id)
			.update();
	}

	/** mark-escalated: the first report to the CISO; later ones keep its time. */
	void markEscalated(long id, Instant at) {
		jdbc.sql("UPDATE incident SET escalated_at = COALESCE(escalated_at, :at), updated_at = :at WHERE id = :id")
			.param("at", Sql.utc(at))
			.param("id", id)
			.update();
	}

	/** find-incident: one incident by its id. */
	Optional<Incident> find(long id) {
		return withBodies(jdbc.sql("SELECT " + INCIDENT_COLUMNS + " FROM incident WHERE id = :id")
			.param("id", id)
			.query(Incidents::row)
			.list()).stream().findFirst();
	}

	/** incidents: the newest 500 incidents, of every body or those involving one. */
	List<Incident> list(@Nullable Long bodyId) {
		String where = bodyId == null ? ""
				: " WHERE id IN (SELECT incident_id FROM incident_body WHERE body_id = :body)";
		var statement = jdbc
			.sql("SELECT " + INCIDENT_COLUMNS + " FROM incident" + where + " ORDER BY id DESC LIMIT 500");
		if (bodyId != null) {
			statement = statement.param("body", bodyId);
		}
		return withBodies(statement.query(Incidents::row).list());
	}

	/**
	 * add-event: one entry of the timeline; {@code bodyId} for an entry of one body only.
	 */
	void addEvent(long incidentId, Instant at, long actorId, String actorName, IncidentEvent.Kind kind,
			@Nullable String text, @Nullable String party, @Nullable String method, @Nullable Instant happenedAt,
			@Nullable Long bodyId) {
		jdbc.sql("""
				INSERT INTO incident_event (incident_id, at, actor_id, actor_name, kind, text, party, method,
				                            happened_at, body_id)
				VALUES (:incident, :at, :actor, :actorName, :kind, :text, :party, :method, :happened, :body)
				""")
			.param("incident", incidentId)
			.param("at", Sql.utc(at))
			.param("actor", actorId)
			.param("actorName", actorName)
			.param("kind", kind.name())
			.param("text", text)
			.param("party", party)
			.param("method", method)
			.param("happened", happenedAt == null ? null : Sql.utc(happenedAt))
			.param("body", bodyId)
			.update();
	}

	/**
	 * events: the timeline as one body's staff see it, the common record and that body's
	 * own entries; every entry when {@code bodyId} is {@code null} (the system
	 * administrator).
	 */
	List<IncidentEvent> events(long incidentId, @Nullable Long bodyId) {
		return jdbc.sql("""
				SELECT id, at, actor_id, actor_name, kind, text, party, method, happened_at, body_id
				FROM incident_event
				WHERE incident_id = :id AND (CAST(:body AS BIGINT) IS NULL OR body_id IS NULL OR body_id = :body)
				ORDER BY id
				""")
			.param("id", incidentId)
			.param("body", bodyId)
			.query((rs, n) -> new IncidentEvent(rs.getLong("id"), rs.getObject("at", OffsetDateTime.class).toInstant(),
					rs.getLong("actor_id"), rs.getString("actor_name"),
					IncidentEvent.Kind.valueOf(rs.getString("kind")), rs.getString("text"), rs.getString("party"),
					rs.getString("method"), Sql.instant(rs.getObject("happened_at", OffsetDateTime.class)),
					rs.getObject("body_id", Long.class)))
			.list();
	}

	/** insert-request: Art. 12-2, an investigation report asked of a body. */
	long insertRequest(long incidentId, long bodyId, String question, @Nullable LocalDate dueOn, long by, Instant now) {
		GeneratedKeyHolder key = new GeneratedKeyHolder();
		jdbc.sql("""
				INSERT INTO investigation_request (incident_id, body_id, question, due_on, requested_by, requested_at)
				VALUES (:incident, :body, :question, :due, :by, :now)
				""")
			.param("incident", incidentId)
			.param("body", bodyId)
			.param("question", question)
			.param("due", dueOn)
			.param("by", by)
			.param("now", Sql.utc(now))
			.update(key, "id");
		return key.getKeyAs(Long.class);
	}

	/** answer-request: answers an open request; false if it was answered already. */
	boolean answer(long requestId, String answer, long by, Instant now) {
		return jdbc.sql("""
				UPDATE investigation_request SET answer = :answer, answered_by = :by, answered_at = :now
				WHERE id = :id AND answered_at IS NULL
				""")
			.param("answer", answer)
			.param("by", by)
			.param("now", Sql.utc(now))
			.param("id", requestId)
			.update() == 1;
	}

	/** find-request: one investigation request by its id. */
	Optional<InvestigationRequest> request(long requestId) {
		return jdbc.sql("SELECT " + REQUEST_COLUMNS + " FROM investigation_request WHERE id = :id")
			.param("id", requestId)
			.query(Incidents::requestRow)
			.optional();
	}

	/**
	 * requests-of-incident: every investigation request of the incident, oldest first.
	 */
	List<InvestigationRequest> requests(long incidentId) {
		return jdbc.sql("SELECT " + REQUEST_COLUMNS + " FROM investigation_request WHERE incident_id = :id ORDER BY id")
			.param("id", incidentId)
			.query(Incidents::requestRow)
			.list();
	}

	/** open-requests: the body's requests not answered yet, oldest first. */
	List<InvestigationRequest> openRequests(long bodyId) {
		return jdbc
			.sql("SELECT " + REQUEST_COLUMNS
					+ " FROM investigation_request WHERE body_id = :body AND answered_at IS NULL ORDER BY id")
			.param("body", bodyId)
			.query(Incidents::requestRow)
			.list();
	}

	private static InvestigationRequest requestRow(ResultSet rs, int n) throws SQLException {
		return new InvestigationRequest(rs.getLong("id"), rs.getLong("incident_id"), rs.getLong("body_id"),
				rs.getString("question"), rs.getObject("due_on", LocalDate.class), rs.getLong("requested_by"),
				rs.getObject("requested_at", OffsetDateTime.class).toInstant(), rs.getString("answer"),
				(Long) rs.getObject("answered_by", Long.class),
				Sql.instant(rs.getObject("answered_at", OffsetDateTime.class)));
	}

	/**
	 * incident-bodies: the bodies involved in each incident, for all of them in one
	 * statement.
	 */
	private List<Incident> withBodies(List<Incident> incidents) {
		if (incidents.isEmpty()) {
			return incidents;
		}
		Map<Long, List<Long>> bodies = new HashMap<>();
		jdbc.sql("SELECT incident_id, body_id FROM incident_body WHERE incident_id IN (:ids) ORDER BY body_id")
			.param("ids", incidents.stream().map(Incident::id).toList())
			.query(rs -> {
				bodies.computeIfAbsent(rs.getLong("incident_id"), k -> new ArrayList<>()).add(rs.getLong("body_id"));
			});
		return incidents.stream()
			.map(i -> new Incident(i.id(), i.kind(), i.state(), i.title(), i.description(), i.discoveredAt(),
					i.affectedPeople(), i.immediateMeasures(), i.reportedBy(), i.reportedAt(), i.escalatedAt(),
					bodies.getOrDefault(i.id(), List.of())))
			.toList();
	}

	/** The incident's own row; its bodies are added by {@link #withBodies}. */
	private static Incident row(ResultSet rs, int n) throws SQLException {
		return new Incident(rs.getLong("id"), IncidentKind.valueOf(rs.getString("kind")),
				IncidentState.valueOf(rs.getString("state")), rs.getString("title"), rs.getString("description"),
				rs.getObject("discovered_at", OffsetDateTime.class).toInstant(),
				rs.getObject("affected_people", Integer.class), rs.getString("immediate_measures"),
				rs.getLong("reported_by"), rs.getObject("reported_at", OffsetDateTime.class).toInstant(),
				Sql.instant(rs.getObject("escalated_at", OffsetDateTime.class)), List.of());
	}

}
