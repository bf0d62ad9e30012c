package jp.renraku.account;

import java.time.Clock;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Puts the account status check in front of every page except sign-in, errors and static
 * files.
 */
@Configuration(proxyBeanMethods = false)
class AccountWebConfiguration implements WebMvcConfigurer {

	private final Accounts accounts;

	private final SignInProperties properties;

	private final Clock clock;

	AccountWebConfiguration(Accounts accounts, SignInProperties properties, Clock clock) {
		this.accounts = accounts;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new AccountStatusInterceptor(accounts, properties, clock))
			.excludePathPatterns("/login", "/logout", "/error", "/css/**", "/js/**", "/images/**", "/webjars/**",
					"/r/**", "/m/**");
	}

}
