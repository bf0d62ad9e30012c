package jp.renraku.incident;

import java.util.List;
import java.util.Locale;

import jp.renraku.account.AccountManagement;
import jp.renraku.common.HomeTasks;
import jp.renraku.common.Redacted;
import jp.renraku.common.RenrakuProperties;
import jp.renraku.common.Staff;
import jp.renraku.mail.Mailer;
import jp.renraku.mail.OutgoingMail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.mail.MailException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Tells the system administrators at once when an incident is reported (Art. 12-1), and
 * puts open investigation requests on the asked operations managers' home page (Art.
 * 12-2). The report stands whether or not the mail goes out.
 */
@Component
class IncidentNotifier implements HomeTasks {

	private static final Logger log = LoggerFactory.getLogger(IncidentNotifier.class);

	private final AccountManagement accounts;

	private final IncidentManagement incidents;

	private final Mailer mailer;

	private final MessageSource messages;

	private final RenrakuProperties properties;

	IncidentNotifier(AccountManagement accounts, IncidentManagement incidents, Mailer mailer, MessageSource messages,
			RenrakuProperties properties) {
		this.accounts = accounts;
		this.incidents = incidents;
		this.mailer = mailer;
		this.messages = messages;
		this.properties = properties;
	}

	@TransactionalEventListener
	void on(IncidentReported event) {
		Locale ja = Locale.JAPANESE;
		String kind = messages.getMessage("incident.kind." + event.kind().name(), null, ja);
		String subject = messages.getMessage("mail.incident.subject", new Object[] { kind, event.title() }, ja);
		String text = messages.getMessage("mail.incident.body", new Object[] { kind, event.title(),
				event.reporterName(), properties.baseUrl() + "/incidents/" + event.incidentId() }, ja);
		for (String to : accounts.activeSystemAdminEmails()) {
			try {
				mailer.send(new OutgoingMail(to, subject, text));
			}
			catch (MailException ex) {
				log.warn("Incident report mail to a system administrator could not be sent: {}", Redacted.of(ex));
			}
		}
	}

	@Override
	public List<Task> tasksFor(Staff staff) {
		return incidents.openRequests(staff)
			.stream()
			.map(r -> new Task("incident.task.report", List.of(r.incidentId()), "/incidents/" + r.incidentId()))
			.toList();
	}

}
