package jp.renraku.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

import jp.renraku.common.Redacted;
import jp.renraku.common.RenrakuProperties;
import jp.renraku.mail.Mailer;
import jp.renraku.mail.OutgoingMail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.MessageSource;
import org.springframework.dao.DataAccessException;
import org.springframework.mail.MailException;
import org.springframework.stereotype.Component;

/**
 * Tells an account's holder by mail that wrong passwords stopped sign-in to their ID,
 * from one client or (guessing from many places) from every browser they have not used
 * before, with the time it ends and what to do; for the latter the system administrators
 * are told too. At most one such mail per account and hour. Mail goes from a thread of
 * its own, so a refused sign-in takes no longer when it locks a known ID than an unknown
 * one.
 */
@Component
class LockoutNotifier implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(LockoutNotifier.class);

	static final Duration QUIET = Duration.ofHours(1);

	private final Accounts accounts;

	private final Mailer mailer;

	private final MessageSource messages;

	private final RenrakuProperties properties;

	private final SignInProperties signIn;

	private final Clock clock;

	private final ExecutorService sender = Executors.newSingleThreadExecutor(runnable -> {
		Thread thread = new Thread(runnable, "renraku-lockout-mail");
		thread.setDaemon(true);
		return thread;
	});

	LockoutNotifier(Accounts accounts, Mailer mailer, MessageSource messages, RenrakuProperties properties,
			SignInProperties signIn, Clock clock) {
		this.accounts = accounts;
		this.mailer = mailer;
		this.messages = messages;
		this.properties = properties;
		this.signIn = signIn;
		this.clock = clock;
	}

	void locked(long accountId, SignInThrottle.Lock lock, String clientAddress, Instant at) {
		try {
			sender.execute(() -> mail(accountId, lock, clientAddress, at));
		}
		catch (RejectedExecutionException ex) {
			log.warn("Lockout mail not queued: shutting down");
		}
	}

	private void mail(long accountId, SignInThrottle.Lock lock, String clientAddress, Instant at) {
		try {
			Account account = accounts.find(accountId).orElse(null);
			// one mail an hour about a single client; a lock of every new client (which
			// takes another {accountMaxFailures} failures each time) is always told
			if (account == null || (lock == SignInThrottle.Lock.CLIENT
					&& !accounts.claimLockoutMail(accountId, clock.instant(), QUIET))) {
				return;
			}
			Set<String> to = new LinkedHashSet<>();
			if (account.email != null && !account.email.isBlank()) {
				to.add(account.email);
			}
			if (lock == SignInThrottle.Lock.ACCOUNT) {
				accounts.activeSystemAdmins()
					.stream()
					.filter(admin -> admin.email != null && !admin.email.isBlank())
					.forEach(admin -> to.add(admin.email));
			}
			Locale ja = Locale.JAPANESE;
			String until = DateTimeFormatter.ofPattern(messages.getMessage("mail.lockout.until", null, ja))
				.withZone(properties.timeZone())
				.format(at.plus(signIn.lockout().duration()));
			String scope = messages.getMessage("mail.lockout.scope." + lock.name(), null, ja);
			Object[] args = { account.loginId, scope, until, clientAddress, properties.baseUrl() + "/account/leak" };
			String subject = messages.getMessage("mail.lockout.subject", args, ja);
			String text = messages.getMessage("mail.lockout.body", args, ja);
			for (String address : to) {
				mailer.send(new OutgoingMail(address, subject, text));
			}
		}
		catch (MailException | DataAccessException ex) {
			log.warn("Lockout mail could not be sent: {}", Redacted.of(ex));
		}
	}

	@Override
	public void destroy() {
		sender.shutdown();
	}

}
