package jp.renraku.registration;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.servlet.http.HttpServletRequest;
import jp.renraku.common.MultiLine;
import jp.renraku.common.SingleLine;
import org.jspecify.annotations.Nullable;

/**
 * The items a list collects, read from a form and checked against the list's rules. Which
 * fields exist depends on the list, so the checks are here rather than in annotations.
 * Errors are message keys by field name.
 */
public final class RegistrantForm {

	private final Map<String, String> values = new LinkedHashMap<>();

	private final List<Long> categoryIds = new ArrayList<>();

	private final Map<Long, List<String>> answers = new LinkedHashMap<>();

	private final Map<String, String> errors = new LinkedHashMap<>();

	public String value(String field) {
		return values.getOrDefault(field, "");
	}

	public boolean hasCategory(long id) {
		return categoryIds.contains(id);
	}

	public List<String> answer(long fieldId) {
		return answers.getOrDefault(fieldId, List.of());
	}

	public String firstAnswer(long fieldId) {
		List<String> answer = answer(fieldId);
		return answer.isEmpty() ? "" : answer.get(0);
	}

	public Map<String, String> getErrors() {
		return errors;
	}

	public boolean hasErrors() {
		return !errors.isEmpty();
	}

	/** The form filled with what a registrant has now, for editing. */
	static RegistrantForm of(Registrant registrant) {
		RegistrantForm form = new RegistrantForm();
		form.put("name", registrant.name());
		form.put("furigana", registrant.furigana());
		form.put("postalCode", registrant.postalCode());
		form.put("address", registrant.address());
		form.put("affiliation", registrant.affiliation());
		form.put("phone", registrant.phone());
		form.categoryIds.addAll(registrant.categoryIds());
		registrant.answers().forEach((id, answer) -> form.answers.put(id, Lines.of(answer)));
		return form;
	}

	/** Reads the list's fields from the request and checks them. */
	static RegistrantForm read(HttpServletRequest request, RegistrationList list) {
		return read(request::getParameterValues, list);
	}

	/**
	 * Reads the list's fields from named values (a form, or a CSV row) and checks them.
	 */
	static RegistrantForm read(Function<String, String @Nullable []> values, RegistrationList list) {
		Parameters request = new Parameters(values);
		RegistrantForm form = new RegistrantForm();
		if (list.collectName()) {
			form.text(request, "name", 100, true);
		}
		if (list.collectFurigana()) {
			form.text(request, "furigana", 100, true);
		}
		if (list.collectAddress()) {
			String postal = normalize(request.getParameter("postalCode")).replace("ー", "-").replace("－", "-");
			form.put("postalCode", postal);
			if (!postal.isEmpty() && !postal.matches("\\d{3}-?\\d{4}")) {
				form.errors.put("postalCode", "registrant.error.postalCode");
			}
			form.text(request, "address", 300, true);
		}
		if (list.collectAffiliation()) {
			form.text(request, "affiliation", 100, true);
			String affiliation = form.value("affiliation");
			if (!list.affiliationOptions().isEmpty() && !affiliation.isEmpty()
					&& !list.affiliationOptions().contains(affiliation)) {
				form.errors.put("affiliation", "registrant.error.choice");
			}
		}
		if (list.collectPhone()) {
			String phone = normalize(request.getParameter("phone")).replace("ー", "-").replace("－", "-");
			form.put("phone", phone);
			if (phone.isEmpty()) {
				form.errors.put("phone", "validation.required");
			}
			else if (!phone.matches("\\+?[0-9()\\- ]{10,20}")) {
				form.errors.put("phone", "registrant.error.phone");
			}
		}
		String[] categories = request.getParameterValues("category");
		if (categories != null) {
			// mandatory categories are everyone's: not stored as a person's own choice
			List<Long> allowed = Lists.ids(list.categories().stream().filter(c -> !c.mandatory()).toList());
			for (String category : categories) {
				try {
					long id = Long.parseLong(category);
					if (allowed.contains(id) && !form.categoryIds.contains(id)) {
						form.categoryIds.add(id);
					}
				}
				catch (NumberFormatException ex) {
					form.errors.put("category", "registrant.error.choice");
				}
			}
		}
		for (CustomField field : list.customFields()) {
			form.customAnswer(request, field);
		}
		return form;
	}

	/** Named values, as a request has them. */
	private record Parameters(Function<String, String @Nullable []> values) {

		@Nullable String getParameter(String name) {
			String[] found = values.apply(name);
			return found == null || found.length == 0 ? null : found[0];
		}

		String @Nullable [] getParameterValues(String name) {
			return values.apply(name);
		}

	}

	private void customAnswer(Parameters request, CustomField field) {
		String key = "answer-" + field.id();
		String[] raw = request.getParameterValues(key);
		List<String> given = new ArrayList<>();
		if (raw != null) {
			for (String value : raw) {
				String stripped = value == null ? "" : value.strip();
				if (!stripped.isEmpty()) {
					given.add(stripped);
				}
			}
		}
		answers.put(field.id(), given);
		if (given.isEmpty()) {
			if (field.required()) {
				errors.put(key, "validation.required");
			}
			return;
		}
		switch (field.kind()) {
			case TEXT -> {
				String text = given.get(0);
				if (text.length() > 1000) {
					errors.put(key, "registrant.error.tooLong");
				}
				else if (!new MultiLine.Validator().isValid(text, null)) {
					errors.put(key, "validation.multiLine");
				}
			}
			case SINGLE_CHOICE -> {
				if (given.size() != 1 || !field.options().contains(given.get(0))) {
					errors.put(key, "registrant.error.choice");
				}
			}
			case MULTIPLE_CHOICE -> {
				if (!field.options().containsAll(given)) {
					errors.put(key, "registrant.error.choice");
				}
			}
		}
	}

	private void text(Parameters request, String field, int max, boolean required) {
		String value = request.getParameter(field) == null ? "" : request.getParameter(field).strip();
		put(field, value);
		if (value.isEmpty()) {
			if (required) {
				errors.put(field, "validation.required");
			}
		}
		else if (value.codePointCount(0, value.length()) > max) {
			errors.put(field, "registrant.error.tooLong");
		}
		else if (!SingleLine.Validator.isSingleLine(value)) {
			errors.put(field, "validation.singleLine");
		}
	}

	/**
	 * Full-width digits and hyphens typed on Japanese phones become their ASCII forms.
	 */
	private static String normalize(@Nullable String value) {
		return value == null ? "" : Normalizer.normalize(value.strip(), Normalizer.Form.NFKC);
	}

	private void put(String field, @Nullable String value) {
		values.put(field, value == null ? "" : value);
	}

	RegistrantDetails toDetails(RegistrationList list) {
		Map<Long, String> texts = new LinkedHashMap<>();
		answers.forEach((id, given) -> texts.put(id, Lines.join(given)));
		return new RegistrantDetails(list.collectName() ? blankToNull("name") : null,
				list.collectFurigana() ? blankToNull("furigana") : null,
				list.collectAddress() ? blankToNull("postalCode") : null,
				list.collectAddress() ? blankToNull("address") : null,
				list.collectAffiliation() ? blankToNull("affiliation") : null,
				list.collectPhone() ? blankToNull("phone") : null, List.copyOf(categoryIds), texts);
	}

	private @Nullable String blankToNull(String field) {
		String value = value(field);
		return value.isEmpty() ? null : value;
	}

}
