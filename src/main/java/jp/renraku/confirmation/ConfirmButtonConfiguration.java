package jp.renraku.confirmation;

import jp.renraku.delivery.DeliveryLinks;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.LocaleResolver;
import org.thymeleaf.ITemplateEngine;

/** Puts {@link ConfirmButtonFilter} first, for confirmation links only. */
@Configuration(proxyBeanMethods = false)
class ConfirmButtonConfiguration {

	@Bean
	FilterRegistrationBean<ConfirmButtonFilter> confirmButtonFilter(DeliveryLinks deliveries, ReceiptWriter writer,
			LocaleResolver localeResolver, ITemplateEngine templateEngine, ReleasedNotices released,
			ApplicationContext context) {
		FilterRegistrationBean<ConfirmButtonFilter> registration = new FilterRegistrationBean<>(
				new ConfirmButtonFilter(deliveries, writer, localeResolver, templateEngine, released, context));
		registration.addUrlPatterns("/c/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

}
