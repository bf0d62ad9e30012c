package jp.renraku.mail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import jp.renraku.common.NodeLeases;
import jp.renraku.common.Redacted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.mail.MailException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Reads the mail-in mailbox of the city's mail server over IMAP(S) or POP3(S) and hands
 * each mail to the {@link IncomingMail} handlers other modules register (bounces first);
 * processed mail is moved (IMAP, when a folder is set) or deleted, so the mailbox does
 * not grow. Of several nodes, one reads at a time: the one holding the lease
 * {@value #LEASE} in the database, renewed at each reading and taken over by another node
 * two intervals after its holder stopped. Should a mail still be read twice (a node
 * stopped between handling it and deleting it), that changes nothing: every handler
 * recognises a mail it has handled.
 */
@Component
public class MailInMailbox {

	private static final Logger log = LoggerFactory.getLogger(MailInMailbox.class);

	/** What one reading did. */
	public record Reading(int read, int recorded, int duplicates, int handled, int ignored) {
	}

	/** The lease of the one node that reads the mailbox. */
	static final String LEASE = "mail-in-mailbox";

	private final MailInSettings settings;

	private final List<IncomingMail> handlers;

	private final NodeLeases leases;

	@Autowired
	MailInMailbox(MailInSettings settings, ObjectProvider<IncomingMail> handlers, NodeLeases leases) {
		this(settings, handlers.orderedStream().toList(), leases);
	}

	/** A reader with its own node's leases: for tests that play two nodes. */
	public MailInMailbox(MailInSettings settings, List<IncomingMail> handlers, NodeLeases leases) {
		this.settings = settings;
		this.handlers = handlers;
		this.leases = leases;
	}

	@Scheduled(fixedDelayString = "${renraku.mail-in.mailbox.interval:1m}", initialDelayString = "30s")
	void scheduled() {
		if (!settings.mailbox().enabled()) {
			return;
		}
		try {
			Reading reading = readAsTheOneReader(settings.mailbox()).orElse(null);
			if (reading != null && reading.read() > 0) {
				log.info(
						"Mail-in mailbox: {} read, {} bounces recorded, {} already known, {} other mail handled, {} not ours",
						reading.read(), reading.recorded(), reading.duplicates(), reading.handled(), reading.ignored());
			}
		}
		catch (MessagingException ex) {
			log.warn("Mail-in mailbox could not be read: {}", Redacted.of(ex));
		}
	}

	/**
	 * Reads the mailbox if this node is the one that reads it now (taking or renewing the
	 * lease); empty while another node holds the lease.
	 */
	public Optional<Reading> readAsTheOneReader(MailInSettings.Mailbox mailbox) throws MessagingException {
		// two readings may be missed before another node takes over
		if (!leases.hold(LEASE, mailbox.interval().multipliedBy(2).plusSeconds(30))) {
			return Optional.empty();
		}
		return Optional.of(read(mailbox));
	}

	/** Reads up to {@code maxPerRound} mails of the mailbox once. */
	public Reading read(MailInSettings.Mailbox mailbox) throws MessagingException {
		String protocol = mailbox.protocol();
		boolean pop3 = protocol.startsWith("pop3");
		Properties properties = new Properties();
		properties.put("mail." + protocol + ".connectiontimeout", "10000");
		properties.put("mail." + protocol + ".timeout", "30000");
		Session session = Session.getInstance(properties);
		int read = 0;
		int recorded = 0;
		int duplicates = 0;
		int handled = 0;
		int ignored = 0;
		try (Store store = session.getStore(protocol)) {
			store.connect(mailbox.host(), mailbox.port() == 0 ? -1 : mailbox.port(), mailbox.username(),
					mailbox.password());
			Folder folder = store.getFolder(pop3 ? "INBOX" : mailbox.folder());
			folder.open(Folder.READ_WRITE);
			Folder moveTo = null;
			if (!pop3 && mailbox.moveTo() != null && !mailbox.moveTo().isBlank()) {
				moveTo = store.getFolder(mailbox.moveTo());
				if (!moveTo.exists()) {
					moveTo.create(Folder.HOLDS_MESSAGES);
				}
			}
			try {
				int count = Math.min(folder.getMessageCount(), mailbox.maxPerRound());
				for (int i = 1; i <= count; i++) {
					Message message = folder.getMessage(i);
					read++;
					try {
						// the raw mail, parsed here: a server's own description of it
						// (IMAP's
						// ENVELOPE) may fail on a carrier's legacy address
						ByteArrayOutputStream raw = new ByteArrayOutputStream();
						message.writeTo(raw);
						MimeMessage copy = new MimeMessage(session, new ByteArrayInputStream(raw.toByteArray()));
						switch (handle(copy)) {
							case RECORDED -> recorded++;
							case DUPLICATE -> duplicates++;
							case HANDLED -> handled++;
							case NOT_MINE -> ignored++;
						}
					}
					catch (DataAccessException | MailException ex) {
						// the database or the relay is down: leave this and the rest in
						// the
						// mailbox for the next reading rather than lose them
						log.warn("Mail-in reading stopped, mail left for the next reading: {}", Redacted.of(ex));
						break;
					}
					catch (Exception ex) {
						// unreadable: set aside like the rest, so that it is not read for
						// ever
						ignored++;
						// an unparsable address says what it is in its exception's text
						log.warn("A mail in the mail-in mailbox could not be read: {}", Redacted.of(ex));
					}
					if (moveTo != null) {
						folder.copyMessages(new Message[] { message }, moveTo);
					}
					message.setFlag(Flags.Flag.DELETED, true);
				}
			}
			finally {
				folder.close(true);
			}
		}
		return new Reading(read, recorded, duplicates, handled, ignored);
	}

	/** Offers the mail to each handler in turn, until one takes it. */
	private IncomingMail.Outcome handle(MimeMessage message) throws Exception {
		for (IncomingMail handler : handlers) {
			IncomingMail.Outcome outcome = handler.handle(message);
			if (outcome != IncomingMail.Outcome.NOT_MINE) {
				return outcome;
			}
		}
		return IncomingMail.Outcome.NOT_MINE;
	}

}
