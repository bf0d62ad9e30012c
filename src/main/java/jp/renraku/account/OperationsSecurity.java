package jp.renraku.account;

import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;

/**
 * The operators' endpoints (issue 18), open without sign-in and without a session: the
 * load balancer's {@code /livez} and {@code /readyz} on the public port, and every
 * actuator endpoint on the management port, which Spring Boot serves on its own port and
 * address (loopback unless {@code RENRAKU_MANAGEMENT_ADDRESS} says otherwise; the
 * operator's firewall keeps it from the public). On the public port the actuator's paths
 * match nothing here ({@link EndpointRequest} matches the management server's requests
 * only), so {@code /actuator/prometheus} there is the application's 404 page like any
 * unknown path. A probe every few seconds from each load balancer must not create a
 * session (with sessions in the database, a row each).
 */
@Configuration(proxyBeanMethods = false)
class OperationsSecurity {

	@Bean
	@Order(0)
	SecurityFilterChain operationsEndpoints(HttpSecurity http) throws Exception {
		PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
		http.securityMatcher(new OrRequestMatcher(EndpointRequest.toAnyEndpoint(), paths.matcher("/livez"),
				paths.matcher("/readyz")))
			.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.securityContext(context -> context.requireExplicitSave(true))
			.requestCache(cache -> cache.disable())
			.csrf(csrf -> csrf.disable())
			.headers(headers -> headers
				.contentSecurityPolicy(csp -> csp.policyDirectives(SecurityConfiguration.CONTENT_SECURITY_POLICY)));
		return http.build();
	}

}
