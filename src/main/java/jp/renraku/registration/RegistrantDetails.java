package jp.renraku.registration;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What a registrant gave, limited to the items their list collects.
 */
record RegistrantDetails(@Nullable String name, @Nullable String furigana, @Nullable String postalCode,
		@Nullable String address, @Nullable String affiliation, @Nullable String phone, List<Long> categoryIds,
		Map<Long, String> answers) {
}
