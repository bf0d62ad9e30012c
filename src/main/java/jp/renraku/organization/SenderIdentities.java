package jp.renraku.organization;

import java.time.Clock;

import jp.renraku.audit.AuditAction;
import jp.renraku.audit.AuditTrail;
import jp.renraku.common.Contact;
import jp.renraku.common.Sender;
import jp.renraku.mail.MailSettings;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who a body's mail to residents is from (issue 14): the name residents see as the sender
 * (the body's name unless it sets another, e.g. 「養父市教育委員会」), its own From address where
 * the operator allows the domain, and where residents ask (問い合わせ先). Lists may override
 * the name and the contact.
 */
@Service
class SenderIdentities {

	private final BodySenders senders;

	private final Bodies bodies;

	private final MailSettings mail;

	private final AuditTrail audit;

	private final Clock clock;

	SenderIdentities(BodySenders senders, Bodies bodies, MailSettings mail, AuditTrail audit, Clock clock) {
		this.senders = senders;
		this.bodies = bodies;
		this.mail = mail;
		this.audit = audit;
		this.clock = clock;
	}

	/** The body's sender as residents get it. */
	@Transactional(readOnly = true)
	Sender sender(long bodyId) {
		String name = bodies.find(bodyId).map(Body::name).orElse("");
		BodySenders.Stored stored = senders.find(bodyId).orElse(null);
		if (stored == null) {
			return new Sender(name, null, null, Contact.NONE);
		}
		String display = stored.displayName() == null || stored.displayName().isBlank() ? name : stored.displayName();
		String from = mail.allowsSender(stored.fromAddress()) ? stored.fromAddress() : null;
		return new Sender(display, from, null, stored.contact());
	}

	/** What the body set, for its settings page. */
	@Transactional(readOnly = true)
	SenderForm form(long bodyId) {
		return SenderForm.of(senders.find(bodyId).orElse(new BodySenders.Stored(null, null, Contact.NONE)));
	}

	/**
	 * Whether a From address of this domain may be set at all (the operator's choice).
	 */
	boolean ownFromAllowed() {
		return !mail.senderDomains().isEmpty();
	}

	boolean allows(@Nullable String from) {
		return from == null || mail.allowsSender(from);
	}

	@Transactional
	void save(long bodyId, SenderForm form) {
		bodies.find(bodyId).orElseThrow();
		senders.save(bodyId, form.toStored(), clock.instant());
		audit.record(AuditAction.BODY_SENDER_CHANGED, bodyId, "body:" + bodyId, form.summary());
	}

}
