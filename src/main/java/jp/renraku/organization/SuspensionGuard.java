package jp.renraku.organization;

import java.io.IOException;
import java.net.URI;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jp.renraku.common.CurrentStaff;
import jp.renraku.common.Staff;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * Art. 6-3: the staff of a suspended body can sign in and read, but nothing they send
 * changes anything; every page tells them why. Their own account (password, two-factor,
 * profile) stays theirs to look after.
 */
@Configuration
@ControllerAdvice
class SuspensionGuard implements WebMvcConfigurer {

	/**
	 * What staff of a suspended body may still post: their account, and incident reports.
	 */
	private static final List<String> ALLOWED = List.of("/logout", "/account/", "/login", "/incidents");

	private final OrganizationManagement organization;

	SuspensionGuard(OrganizationManagement organization) {
		this.organization = organization;
	}

	/**
	 * The reason the signed-in staff member's body is suspended, for the page's banner.
	 */
	@ModelAttribute("suspension")
	@Nullable String suspension() {
		Staff staff = CurrentStaff.get();
		if (staff == null || staff.bodyId() == null) {
			return null;
		}
		return organization.find(staff.bodyId())
			.filter(body -> body.state() == BodyState.SUSPENDED)
			.map(body -> body.stateReason() == null ? "" : body.stateReason())
			.orElse(null);
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new HandlerInterceptor() {
			@Override
			public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
					throws IOException {
				return allowed(request, response);
			}
		}).excludePathPatterns("/css/**", "/js/**", "/images/**", "/r/**", "/m/**", "/error");
	}

	private boolean allowed(HttpServletRequest request, HttpServletResponse response) throws IOException {
		String method = request.getMethod();
		if ("GET".equals(method) || "HEAD".equals(method)) {
			return true;
		}
		Staff staff = CurrentStaff.get();
		if (staff == null || staff.bodyId() == null || !organization.suspended(staff.bodyId())) {
			return true;
		}
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (ALLOWED.stream().anyMatch(path::startsWith)) {
			return true;
		}
		String back = backTo(request);
		FlashMap flash = RequestContextUtils.getOutputFlashMap(request);
		flash.put("flashError", "body.error.suspended");
		RequestContextUtils.saveOutputFlashMap(back, request, response);
		response.sendRedirect(request.getContextPath() + back);
		return false;
	}

	/**
	 * The page the form was on, as a path of this site only (never another host, nor a
	 * path such as {@code //evil.example} that a browser would read as one); the home
	 * page otherwise.
	 */
	static String backTo(HttpServletRequest request) {
		String referer = request.getHeader("Referer");
		if (referer != null) {
			try {
				URI uri = URI.create(referer);
				String path = uri.getRawPath();
				String context = request.getContextPath();
				if (request.getServerName().equalsIgnoreCase(uri.getHost()) && path != null
						&& path.startsWith(context + "/")) {
					String local = path.substring(context.length());
					if (!local.startsWith("//") && !local.contains("\\") && !local.contains("/../")) {
						return local;
					}
				}
			}
			catch (IllegalArgumentException ex) {
				// not a usable address
			}
		}
		return "/";
	}

}
