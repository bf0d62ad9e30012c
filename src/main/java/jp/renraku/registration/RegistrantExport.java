package jp.renraku.registration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jp.renraku.common.CityTime;
import jp.renraku.common.CsvCells;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes a list's registrants as CSV, a thousand at a time (keyset pages), so that
 * 100,000 rows need no more memory than a thousand.
 */
@Component
class RegistrantExport {

	private static final int CHUNK = 1000;

	private final JdbcClient jdbc;

	private final CityTime cityTime;

	private final CsvColumns columns;

	RegistrantExport(JdbcClient jdbc, CityTime cityTime, CsvColumns columns) {
		this.jdbc = jdbc;
		this.cityTime = cityTime;
		this.columns = columns;
	}

	/** Writes every registrant of the list and returns how many rows were written. */
	long write(RegistrationList list, Writer out) {
		List<String> header = new ArrayList<>(columns.items(list));
		header.add(columns.state());
		header.add(columns.registeredAt());
		Map<RegistrantState, String> states = new EnumMap<>(RegistrantState.class);
		for (RegistrantState state : RegistrantState.values()) {
			states.put(state, columns.stateCell(state));
		}
		long rows = 0;
		try {
			CSVPrinter printer = new CSVPrinter(out, CSVFormat.EXCEL);
			// headers carry the list's own labels (affiliation, questions): neutralised
			// too
			printer.printRecord(header.stream().map(CsvCells::neutralised).toList());
			long after = 0;
			while (true) {
				List<Map<String, Object>> chunk = page(list, after);
				if (chunk.isEmpty()) {
					break;
				}
				long first = ((Number) chunk.get(0).get("id")).longValue();
				long last = ((Number) chunk.get(chunk.size() - 1).get("id")).longValue();
				Map<Long, List<Long>> categories = categories(list.id(), first, last);
				Map<Long, Map<Long, String>> answers = answers(list.id(), first, last);
				for (Map<String, Object> row : chunk) {
					long id = ((Number) row.get("id")).longValue();
					printer.printRecord(record(list, row, categories.getOrDefault(id, List.of()),
							answers.getOrDefault(id, Map.of()), states));
					rows++;
				}
				after = last;
				printer.flush();
			}
			printer.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return rows;
	}

	/** registrants-page: the next thousand registrants of the list after an id, by id. */
	private List<Map<String, Object>> page(RegistrationList list, long after) {
		return jdbc.sql("""
				SELECT id, email, name, furigana, postal_code, address, affiliation, phone, state, created_at
				FROM registrant WHERE list_id = :listId AND body_id = :bodyId AND id > :after
				ORDER BY id LIMIT :limit
				""")
			.param("listId", list.id())
			.param("bodyId", list.bodyId())
			.param("after", after)
			.param("limit", CHUNK)
			.query()
			.listOfRows();
	}

	private List<String> record(RegistrationList list, Map<String, Object> row, List<Long> categories,
			Map<Long, String> answers, Map<RegistrantState, String> states) {
		List<String> cells = new ArrayList<>();
		cells.add(text(row.get("email")));
		if (list.collectName()) {
			cells.add(text(row.get("name")));
		}
		if (list.collectFurigana()) {
			cells.add(text(row.get("furigana")));
		}
		if (list.collectAddress()) {
			cells.add(text(row.get("postal_code")));
			cells.add(text(row.get("address")));
		}
		if (list.collectAffiliation()) {
			cells.add(text(row.get("affiliation")));
		}
		if (list.collectPhone()) {
			cells.add(text(row.get("phone")));
		}
		list.categories().forEach(c -> cells.add(c.mandatory() || categories.contains(c.id()) ? "1" : ""));
		list.customFields().forEach(f -> cells.add(answers.getOrDefault(f.id(), "")));
		cells.add(states.get(RegistrantState.valueOf(text(row.get("state")))));
		Object created = row.get("created_at");
		cells.add(created instanceof OffsetDateTime time ? cityTime.formatSeconds(time.toInstant())
				: created instanceof Timestamp ts ? cityTime.formatSeconds(ts.toInstant()) : text(created));
		return cells.stream().map(CsvCells::neutralised).toList();
	}

	/** page-categories: the categories chosen by the registrants of one page. */
	private Map<Long, List<Long>> categories(long listId, long first, long last) {
		Map<Long, List<Long>> byRegistrant = new HashMap<>();
		jdbc.sql("""
				SELECT c.registrant_id, c.category_id FROM registrant_category c
				JOIN registrant r ON r.id = c.registrant_id
				WHERE r.list_id = :listId AND c.registrant_id BETWEEN :first AND :last
				""")
			.param("listId", listId)
			.param("first", first)
			.param("last", last)
			.query((rs, n) -> byRegistrant.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getLong(2)))
			.list();
		return byRegistrant;
	}

	/** page-answers: the answers of the registrants of one page. */
	private Map<Long, Map<Long, String>> answers(long listId, long first, long last) {
		Map<Long, Map<Long, String>> byRegistrant = new HashMap<>();
		jdbc.sql("""
				SELECT a.registrant_id, a.field_id, a.answer FROM registrant_answer a
				JOIN registrant r ON r.id = a.registrant_id
				WHERE r.list_id = :listId AND a.registrant_id BETWEEN :first AND :last
				""")
			.param("listId", listId)
			.param("first", first)
			.param("last", last)
			.query((rs, n) -> byRegistrant.computeIfAbsent(rs.getLong(1), k -> new LinkedHashMap<>())
				.put(rs.getLong(2), rs.getString(3)))
			.list();
		return byRegistrant;
	}

	private static String text(Object value) {
		return value == null ? "" : value.toString();
	}

}
