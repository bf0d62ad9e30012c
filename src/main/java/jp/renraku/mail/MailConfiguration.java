package jp.renraku.mail;

import java.util.Properties;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The SMTP connection: to the development catcher when it is on, otherwise to the city's
 * relay.
 */
@Configuration(proxyBeanMethods = false)
class MailConfiguration {

	static {
		// Jakarta Mail 2.1 looks its StreamProvider up through the ServiceLoader on every
		// encode
		// (jakartaee/mail-api#861), which scans jars for each message and halved the
		// engine's
		// rate in the benchmark. Naming the provider skips the scan.
		String provider = "jakarta.mail.util.StreamProvider";
		if (System.getProperty(provider) == null) {
			System.setProperty(provider, "org.eclipse.angus.mail.util.MailStreamProvider");
		}
	}

	@Bean(initMethod = "start", destroyMethod = "stop")
	@ConditionalOnProperty(name = "renraku.mail.catcher.enabled", havingValue = "true", matchIfMissing = true)
	MailCatcher mailCatcher(MailSettings settings) {
		return new MailCatcher(settings.catcher().port());
	}

	/**
	 * Where mail goes: the catcher on the embedded defaults, otherwise the city's relay.
	 */
	@Bean
	SmtpTarget smtpTarget(MailSettings settings, ObjectProvider<MailCatcher> catcher) {
		MailCatcher caught = catcher.getIfAvailable();
		if (caught != null) {
			return new SmtpTarget("127.0.0.1", caught.port(), null, null, MailSettings.Tls.NONE);
		}
		MailSettings.Smtp smtp = settings.smtp();
		// no user, no password: Jakarta Mail would otherwise log in as the
		// operating-system user
		boolean auth = hasText(smtp.username());
		return new SmtpTarget(smtp.host(), smtp.port(), auth ? smtp.username() : null, auth ? smtp.password() : null,
				smtp.tls());
	}

	@Bean
	JavaMailSender javaMailSender(MailSettings settings, ObjectProvider<MailCatcher> catcher) {
		JavaMailSenderImpl sender = new JavaMailSenderImpl();
		sender.setDefaultEncoding("UTF-8");
		Properties props = sender.getJavaMailProperties();
		props.put("mail.smtp.connectiontimeout", "10000");
		props.put("mail.smtp.timeout", "30000");
		props.put("mail.smtp.writetimeout", "30000");
		// legacy Japanese mobile addresses (taro..yamada.@docomo.ne.jp) break RFC 5322
		// but are real
		props.put("mail.mime.address.strict", "false");
		MailCatcher caught = catcher.getIfAvailable();
		if (caught != null) {
			sender.setHost("127.0.0.1");
			sender.setPort(caught.port());
			return sender;
		}
		MailSettings.Smtp smtp = settings.smtp();
		sender.setHost(smtp.host());
		sender.setPort(smtp.port());
		if (hasText(smtp.username())) {
			sender.setUsername(smtp.username());
			sender.setPassword(smtp.password());
			props.put("mail.smtp.auth", "true");
		}
		switch (smtp.tls()) {
			case STARTTLS -> {
				props.put("mail.smtp.starttls.enable", "true");
				props.put("mail.smtp.starttls.required", "true");
			}
			case SMTPS -> {
				sender.setProtocol("smtps");
				props.put("mail.smtps.ssl.checkserveridentity", "true");
			}
			case NONE -> {
			}
		}
		return sender;
	}

	private static boolean hasText(@Nullable String value) {
		return value != null && !value.isBlank();
	}

}
