package jp.renraku.registration;

import java.util.List;
import java.util.Locale;

import jp.renraku.common.CityTime;
import jp.renraku.common.ListOutlines;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** Writes a body's lists as the planned lists of its usage application (Art. 7 items). */
@Component
class ListOutlineWriter implements ListOutlines {

	private final Lists lists;

	private final MessageSource messages;

	private final CityTime time;

	ListOutlineWriter(Lists lists, MessageSource messages, CityTime time) {
		this.lists = lists;
		this.messages = messages;
		this.time = time;
	}

	@Override
	public List<String> outlines(long bodyId, Locale locale) {
		return lists.ofBody(bodyId).stream().filter(list -> list.erasedAt() == null).map(list -> {
			String period = list.periodEnd() == null
					? messages.getMessage("rules.periodOpenEnded",
							new Object[] { time.day(list.periodStart(), locale) }, locale)
					: messages.getMessage("rules.periodRange",
							new Object[] { time.day(list.periodStart(), locale), time.day(list.periodEnd(), locale) },
							locale);
			String verification = messages.getMessage("list.verification." + list.verification(), null, locale)
					+ (list.verificationNote() == null || list.verificationNote().isBlank() ? ""
							: " (" + list.verificationNote() + ")");
			return messages.getMessage("application.plannedLists.outline",
					new Object[] { list.name(), oneLine(list.purpose()), period, oneLine(list.urlManagement()),
							oneLine(list.eligibility()), verification, oneLine(list.deletionCriteria()),
							oneLine(list.disclaimer()) },
					locale);
		}).toList();
	}

	private static String oneLine(String text) {
		return text.strip().replaceAll("\\s*\\R\\s*", " ");
	}

}
