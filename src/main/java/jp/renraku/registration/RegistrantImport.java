package jp.renraku.registration;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

import jp.renraku.common.CsvCells;
import jp.renraku.common.EmailAddresses;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.stereotype.Component;

/**
 * Reads a list's CSV file (UTF-8 with or without BOM, or Windows-31J as Japanese Excel
 * writes it), checks every row with the same rules as the registration form, and reports
 * every bad row. Rows stream from the file; only the addresses seen so far are
 * remembered, to find duplicates inside the file.
 */
@Component
class RegistrantImport {

	static final Charset WINDOWS_31J = Charset.forName("windows-31j");

	static final int ERRORS_SHOWN = 200;

	private final CsvColumns columns;

	/** A problem in one row, for the preview. */
	record RowError(long row, String messageKey, String detail) {
	}

	/** What a file would import. */
	record Preview(long rows, long valid, long invalid, List<RowError> errors, Charset charset,
			List<String> missingColumns) {

		public boolean importable() {
			return missingColumns.isEmpty() && valid > 0;
		}

		public String charsetName() {
			return charset.name();
		}

	}

	/** A checked row. */
	record ValidRow(String email, RegistrantDetails details) {
	}

	RegistrantImport(CsvColumns columns) {
		this.columns = columns;
	}

	/**
	 * The character set of the file: UTF-8 when it has a BOM or decodes cleanly, else
	 * Windows-31J.
	 */
	static Charset detect(Path file) throws IOException {
		try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
			byte[] head = in.readNBytes(3);
			if (head.length == 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
				return StandardCharsets.UTF_8;
			}
		}
		CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
			byte[] buffer = new byte[64 * 1024];
			ByteBuffer bytes = ByteBuffer.allocate(buffer.length + 8);
			CharBuffer chars = CharBuffer.allocate(buffer.length + 8);
			int read;
			while ((read = in.read(buffer)) > 0) {
				bytes.put(buffer, 0, read);
				bytes.flip();
				var result = decoder.decode(bytes, chars, false);
				if (result.isError()) {
					return WINDOWS_31J;
				}
				bytes.compact();
				chars.clear();
			}
			bytes.flip();
			if (decoder.decode(bytes, chars, true).isError() || decoder.flush(chars).isError()) {
				return WINDOWS_31J;
			}
		}
		catch (CharacterCodingException ex) {
			return WINDOWS_31J;
		}
		return StandardCharsets.UTF_8;
	}

	Preview preview(RegistrationList list, Path file, Charset charset, Set<String> existingHashes,
			Function<String, String> hash) {
		List<RowError> errors = new ArrayList<>();
		long[] counts = new long[3];
		List<String> missing = read(list, file, charset, existingHashes, hash, row -> counts[1]++, error -> {
			counts[2]++;
			if (errors.size() < ERRORS_SHOWN) {
				errors.add(error);
			}
		}, counts);
		return new Preview(counts[0], counts[1], counts[2], errors, charset, missing);
	}

	/**
	 * Streams the valid rows to the consumer; bad rows are skipped (they were shown in
	 * the preview).
	 */
	void validRows(RegistrationList list, Path file, Charset charset, Set<String> existingHashes,
			Function<String, String> hash, Consumer<ValidRow> consumer) {
		read(list, file, charset, existingHashes, hash, consumer, error -> {
		}, new long[3]);
	}

	private List<String> read(RegistrationList list, Path file, Charset charset, Set<String> existingHashes,
			Function<String, String> hash, Consumer<ValidRow> valid, Consumer<RowError> invalid, long[] counts) {
		CSVFormat format = CSVFormat.Builder.create(CSVFormat.EXCEL)
			.setHeader()
			.setSkipHeaderRecord(true)
			.setIgnoreEmptyLines(true)
			.setTrim(true)
			.get();
		try (Reader reader = reader(file, charset); CSVParser parser = format.parse(reader)) {
			Map<String, Integer> header = new HashMap<>();
			parser.getHeaderMap().forEach((name, index) -> header.put(CsvCells.restored(name.strip()), index));
			List<String> missing = columns.items(list)
				.stream()
				.filter(column -> !header.containsKey(column))
				.filter(column -> column.equals(columns.email()))
				.toList();
			if (!missing.isEmpty()) {
				return missing;
			}
			Set<String> seen = new HashSet<>();
			for (CSVRecord record : parser) {
				counts[0]++;
				long row = record.getRecordNumber() + 1;
				Optional<ValidRow> checked = check(list, record, header, row, seen, existingHashes, hash, invalid);
				checked.ifPresent(valid);
			}
			return List.of();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private Optional<ValidRow> check(RegistrationList list, CSVRecord record, Map<String, Integer> header, long row,
			Set<String> seen, Set<String> existingHashes, Function<String, String> hash, Consumer<RowError> invalid) {
		String rawEmail = cell(record, header, columns.email());
		Optional<String> email = EmailAddresses.normalize(rawEmail);
		if (email.isEmpty()) {
			invalid.accept(new RowError(row, "import.error.email", rawEmail));
			return Optional.empty();
		}
		String emailHash = hash.apply(email.get());
		if (existingHashes.contains(emailHash)) {
			invalid.accept(new RowError(row, "import.error.registered", email.get()));
			return Optional.empty();
		}
		if (!seen.add(emailHash)) {
			invalid.accept(new RowError(row, "import.error.duplicate", email.get()));
			return Optional.empty();
		}
		Map<String, String[]> values = new HashMap<>();
		values.put("name", one(cell(record, header, columns.name())));
		values.put("furigana", one(cell(record, header, columns.furigana())));
		values.put("postalCode", one(cell(record, header, columns.postalCode())));
		values.put("address", one(cell(record, header, columns.address())));
		values.put("affiliation", one(cell(record, header, columns.affiliation(list))));
		values.put("phone", one(cell(record, header, columns.phone())));
		List<String> categories = new ArrayList<>();
		for (ListCategory category : list.categories()) {
			String mark = cell(record, header, columns.category(category));
			if (!mark.isEmpty() && !mark.equals("0")) {
				categories.add(String.valueOf(category.id()));
			}
		}
		values.put("category", categories.toArray(String[]::new));
		for (CustomField field : list.customFields()) {
			String answer = cell(record, header, field.label());
			values.put("answer-" + field.id(),
					field.kind() == FieldKind.MULTIPLE_CHOICE ? Lines.of(answer).toArray(String[]::new) : one(answer));
		}
		RegistrantForm form = RegistrantForm.read(values::get, list);
		if (form.hasErrors()) {
			form.getErrors().forEach((field, key) -> invalid.accept(new RowError(row, key, column(list, field))));
			return Optional.empty();
		}
		return Optional.of(new ValidRow(email.get(), form.toDetails(list)));
	}

	/** The column a form field came from, to name it in the preview. */
	private String column(RegistrationList list, String field) {
		return switch (field) {
			case "name" -> columns.name();
			case "furigana" -> columns.furigana();
			case "postalCode" -> columns.postalCode();
			case "address" -> columns.address();
			case "affiliation" -> columns.affiliation(list);
			case "phone" -> columns.phone();
			default -> list.customFields()
				.stream()
				.filter(f -> field.equals("answer-" + f.id()))
				.map(CustomField::label)
				.findFirst()
				.orElse(field);
		};
	}

	private static String[] one(String value) {
		return new String[] { value };
	}

	private static String cell(CSVRecord record, Map<String, Integer> header, String column) {
		Integer index = header.get(column);
		if (index == null || index >= record.size()) {
			return "";
		}
		return CsvCells.restored(record.get(index).strip());
	}

	private static Reader reader(Path file, Charset charset) throws IOException {
		InputStream in = new BufferedInputStream(Files.newInputStream(file));
		if (charset.equals(StandardCharsets.UTF_8)) {
			in.mark(3);
			byte[] head = in.readNBytes(3);
			if (!(head.length == 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB
					&& (head[2] & 0xFF) == 0xBF)) {
				in.reset();
			}
		}
		return new InputStreamReader(in,
				charset.newDecoder()
					.onMalformedInput(CodingErrorAction.REPLACE)
					.onUnmappableCharacter(CodingErrorAction.REPLACE));
	}

}
