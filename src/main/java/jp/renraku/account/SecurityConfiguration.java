package jp.renraku.account;

import java.time.Clock;
import java.util.Map;

import jp.renraku.audit.AuditAction;
import jp.renraku.audit.AuditTrail;
import jp.renraku.common.SecurityHeaders;
import jp.renraku.common.Staff;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.CredentialsExpiredException;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * Who may open which page, how staff sign in and out, and the headers on every response.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

	/**
	 * No inline script or style anywhere; images may be data: URIs (the two-factor QR
	 * code).
	 */
	static final String CONTENT_SECURITY_POLICY = SecurityHeaders.CONTENT_SECURITY_POLICY;

	/**
	 * Art. 5-2 confirmation links, opening images and links to a notice's files: no
	 * session, no CSRF token (the signed token in the address is the key, as for RFC 8058
	 * one-click), so that a resident's phone needs nothing but the link and tens of
	 * thousands of clicks create no sessions.
	 */
	@Bean
	@Order(1)
	SecurityFilterChain receiptLinks(HttpSecurity http) throws Exception {
		http.securityMatcher("/c/**", "/o/**", "/f/**")
			.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.securityContext(context -> context.requireExplicitSave(true))
			.requestCache(cache -> cache.disable())
			.csrf(csrf -> csrf.disable())
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.frameOptions(frame -> frame.deny())
				.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER)));
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain securityFilterChain(HttpSecurity http, AuditTrail audit, SignInSuccess success,
			ObjectProvider<RequestMappingInfoHandlerMapping> mappings) throws Exception {
		http.authorizeHttpRequests(requests -> requests
			.requestMatchers("/login", "/css/**", "/js/**", "/images/**", "/webjars/**", "/favicon.ico", "/error",
					"/r/**", "/m/**")
			.permitAll()
			.requestMatchers("/admin/**")
			.hasRole("SYSTEM_ADMIN")
			.anyRequest()
			.authenticated())
			.formLogin(form -> form.loginPage("/login")
				.authenticationDetailsSource(SignInDetails.source())
				.successHandler(success)
				.failureHandler((request, response, exception) -> response.sendRedirect(request.getContextPath()
						+ (exception instanceof CredentialsExpiredException ? "/login?expired" : "/login?error"))))
			.logout(logout -> logout.logoutUrl("/logout")
				.addLogoutHandler(auditSignOut(audit))
				.logoutSuccessUrl("/login?logout")
				// the session's row is deleted, and the session store expires its cookie
				.invalidateHttpSession(true))
			// a path no page has is a 404 for everyone, not a reason to sign in
			.exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(
					new UnknownPathEntryPoint(mappings, new LoginUrlAuthenticationEntryPoint("/login"))))
			.sessionManagement(session -> session.invalidSessionUrl("/login?timeout")
				.sessionFixation(fixation -> fixation.changeSessionId()))
			// RFC 8058 one-click stop: mail programs post without a session; the signed
			// link is the key
			.csrf(csrf -> csrf.ignoringRequestMatchers("/m/*/unsubscribe"))
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.frameOptions(frame -> frame.deny())
				.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)));
		return http.build();
	}

	private static LogoutHandler auditSignOut(AuditTrail audit) {
		return (request, response, authentication) -> {
			if (authentication != null && authentication.getPrincipal() instanceof Staff staff) {
				audit.recordFor(staff.accountId(), staff.loginId(), AuditAction.SIGNED_OUT, staff.bodyId(), null, null);
			}
		};
	}

	/**
	 * Argon2id for new hashes; the prefix ({argon2}) lets a later change of algorithm
	 * coexist.
	 */
	@Bean
	PasswordEncoder passwordEncoder() {
		return new DelegatingPasswordEncoder("argon2",
				Map.of("argon2", Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8()));
	}

	/**
	 * The only authentication provider. As a bean it becomes the global one; it is
	 * deliberately not also added to the filter chain, where a refusal would be tried a
	 * second time and every failure counted twice.
	 */
	@Bean
	StaffAuthenticationProvider staffAuthenticationProvider(Accounts accounts, PasswordEncoder encoder, TotpCodes totp,
			SignInThrottle throttle, KnownDevices devices, LockoutNotifier notifier, AuditTrail audit, Clock clock) {
		return new StaffAuthenticationProvider(accounts, encoder, totp, throttle, devices, notifier, audit, clock);
	}

	@Bean
	SignInSuccess signInSuccess(KnownDevices devices, AccountManagement accounts, Clock clock) {
		return new SignInSuccess(devices, accounts, clock);
	}

	@Bean
	TotpCodes totpCodes(Clock clock, SignInProperties properties) {
		return new TotpCodes(clock, properties.totpIssuer());
	}

	@Bean
	PasswordPolicy passwordPolicy(SignInProperties properties) {
		return new PasswordPolicy(properties.password(), CommonPasswords.load());
	}

}
