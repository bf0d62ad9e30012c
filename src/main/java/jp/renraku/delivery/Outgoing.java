package jp.renraku.delivery;

import jakarta.mail.internet.InternetAddress;

/** A message to send on the bulk path, and its one recipient. */
record Outgoing(RenderedMessage message, InternetAddress to) {

	PipelinedSmtp.Mail mail() {
		return new PipelinedSmtp.Mail(message.getEnvelopeFrom(), to.getAddress(), message.content(), message.dotFree());
	}

}
