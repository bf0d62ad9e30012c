package jp.renraku.mail;

import java.util.Properties;

import org.jspecify.annotations.Nullable;

/**
 * The SMTP server the engine's pooled connections go to, and the session properties for
 * it.
 */
public record SmtpTarget(String host, int port, @Nullable String username, @Nullable String password,
		MailSettings.Tls tls) {

	public String protocol() {
		return tls == MailSettings.Tls.SMTPS ? "smtps" : "smtp";
	}

	public Properties sessionProperties() {
		Properties props = new Properties();
		String p = "mail." + protocol() + ".";
		props.put(p + "host", host);
		props.put(p + "port", String.valueOf(port));
		props.put(p + "connectiontimeout", "10000");
		props.put(p + "timeout", "30000");
		props.put(p + "writetimeout", "30000");
		// legacy Japanese mobile addresses break RFC 5322 but are real
		props.put("mail.mime.address.strict", "false");
		if (username != null) {
			props.put(p + "auth", "true");
		}
		if (tls == MailSettings.Tls.STARTTLS) {
			props.put(p + "starttls.enable", "true");
			props.put(p + "starttls.required", "true");
		}
		if (tls == MailSettings.Tls.SMTPS) {
			props.put(p + "ssl.checkserveridentity", "true");
		}
		return props;
	}

}
