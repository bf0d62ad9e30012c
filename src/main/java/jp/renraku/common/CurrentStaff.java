package jp.renraku.common;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The staff member signed in on this thread, for code that is not handed one by a
 * controller.
 */
public final class CurrentStaff {

	private CurrentStaff() {
	}

	public static @Nullable Staff get() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && authentication.getPrincipal() instanceof Staff staff) {
			return staff;
		}
		return null;
	}

}
