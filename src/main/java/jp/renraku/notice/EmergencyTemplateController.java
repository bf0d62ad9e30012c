package jp.renraku.notice;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jp.renraku.common.CityTime;
import jp.renraku.common.Language;
import jp.renraku.common.NotFoundException;
import jp.renraku.common.Staff;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The ready-made emergency messages in every language (issue 19): a sender picks one,
 * fills its slots once (area, shelter, time …) and gets a draft with a version in each
 * language, to which they add the lists.
 */
@Controller
@RequestMapping("/notices/emergency")
class EmergencyTemplateController {

	private static final int MAX_TEXT = 100;

	private final EmergencyDrafts drafts;

	private final CityTime cityTime;

	EmergencyTemplateController(EmergencyDrafts drafts, CityTime cityTime) {
		this.drafts = drafts;
		this.cityTime = cityTime;
	}

	private static EmergencyTemplate template(String key) {
		EmergencyTemplate template = EmergencyTemplate.of(key);
		if (template == null) {
			throw new NotFoundException("emergency template");
		}
		return template;
	}

	@GetMapping
	String list(Model model) {
		model.addAttribute("emergencyTemplates", EmergencyTemplate.values());
		model.addAttribute("languages", Language.values());
		return "notice/emergency-templates";
	}

	@GetMapping("/{key}")
	String form(@PathVariable String key, Model model) {
		return view(template(key), Map.of(), Map.of(), model);
	}

	@PostMapping("/{key}")
	String create(@AuthenticationPrincipal Staff staff, @PathVariable String key, HttpServletRequest request,
			Model model, RedirectAttributes redirect) {
		EmergencyTemplate template = template(key);
		Map<String, String> typed = new LinkedHashMap<>();
		Map<String, String> errors = new LinkedHashMap<>();
		EmergencyDrafts.Filled filled = new EmergencyDrafts.Filled(new EnumMap<>(EmergencyTemplate.Slot.class),
				new EnumMap<>(EmergencyTemplate.Slot.class), new EnumMap<>(EmergencyTemplate.Slot.class));
		for (EmergencyTemplate.Slot slot : template.slots()) {
			String value = request.getParameter(slot.token());
			value = value == null ? "" : value.strip();
			typed.put(slot.token(), value);
			if (value.isEmpty()) {
				errors.put(slot.token(), "validation.required");
				continue;
			}
			try {
				switch (slot.kind()) {
					case TEXT -> {
						if (value.length() > MAX_TEXT || value.chars().anyMatch(Character::isISOControl)) {
							errors.put(slot.token(), "notice.emergency.error.text");
						}
						filled.texts().put(slot, value);
					}
					case WHEN ->
						filled.times().put(slot, LocalDateTime.parse(value).atZone(cityTime.zone()).toInstant());
					case DAY -> filled.days().put(slot, LocalDate.parse(value));
				}
			}
			catch (DateTimeParseException ex) {
				errors.put(slot.token(), slot.kind() == EmergencyTemplate.Slot.Kind.DAY ? "notice.emergency.error.day"
						: "notice.emergency.error.time");
			}
		}
		if (!errors.isEmpty()) {
			return view(template, typed, errors, model);
		}
		long id = drafts.create(staff, template, filled);
		redirect.addFlashAttribute("flashMessage", "notice.emergency.created");
		return "redirect:/notices/" + id + "/edit";
	}

	private String view(EmergencyTemplate template, Map<String, String> typed, Map<String, String> errors,
			Model model) {
		model.addAttribute("template", template);
		model.addAttribute("typed", typed);
		model.addAttribute("errors", errors);
		model.addAttribute("languages", Language.values());
		return "notice/emergency-form";
	}

}
