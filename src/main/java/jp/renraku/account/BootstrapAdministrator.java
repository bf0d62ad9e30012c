package jp.renraku.account;

import java.io.PrintStream;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import jp.renraku.common.RenrakuProperties;
import jp.renraku.common.Role;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.MessageSource;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * On first start with an empty database, creates the system administrator {@code admin}
 * and prints its one-time password once to the console. The password must be changed at
 * first sign-in and expires like every temporary password. Only the hash is stored.
 * <p>
 * Started with {@code --renraku.reset-admin=LOGIN_ID}, it issues that system
 * administrator a new one-time password instead: the way back in when the printed
 * password was lost.
 */
@Component
class BootstrapAdministrator implements ApplicationRunner {

	static final String LOGIN_ID = "admin";

	private final AccountManagement accounts;

	private final RenrakuProperties properties;

	private final PrintStream console;

	private final Environment environment;

	private final MessageSource messages;

	BootstrapAdministrator(AccountManagement accounts, RenrakuProperties properties, Environment environment,
			MessageSource messages) {
		this.accounts = accounts;
		this.properties = properties;
		this.environment = environment;
		this.messages = messages;
		this.console = System.out;
	}

	@Override
	public void run(ApplicationArguments args) {
		// the first account is named after its role, in Japanese
		String name = messages.getMessage("role." + Role.SYSTEM_ADMIN.name(), null, Locale.JAPANESE);
		accounts.bootstrapSystemAdmin(LOGIN_ID, name).ifPresent(this::print);
		String reset = environment.getProperty("renraku.reset-admin");
		if (reset != null && !reset.isBlank()) {
			try {
				print(accounts.resetSystemAdminFromConsole(reset));
			}
			catch (AccountException ex) {
				console.println("renraku.reset-admin: no active system administrator with ID " + reset);
			}
		}
	}

	private void print(IssuedPassword issued) {
		ZoneId zone = properties.timeZone();
		String expires = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(zone).format(issued.expiresAt());
		console.println();
		console.println("==================================================================");
		console.println(" Renraku: システム管理者の初期パスワード / system administrator one-time password");
		console.println(" システム管理者 ID / system administrator ID : " + issued.loginId());
		console.println(" 初期パスワード / one-time password         : " + issued.password());
		console.println(" 有効期限 / expires                          : " + expires + " (" + zone + ")");
		console.println(" " + properties.baseUrl() + "/login");
		console.println(" 初回ログイン時に変更してください。この表示は一度だけです。");
		console.println(" Change it at first sign-in. It is shown only this once.");
		console.println("==================================================================");
		console.println();
	}

}
