package jp.renraku.delivery;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.MimeUtility;

/**
 * The pieces {@link MessageRenderer} writes a message from: header lines, the encoded
 * subject, the multipart/alternative body with its HTML part, and the checks that decide
 * how the text may travel.
 */
final class MimeParts {

	/** RFC 5322 lines may be at most 998 octets; longer text goes as base64. */
	private static final int MAX_LINE = 998;

	private static final Pattern URL = Pattern.compile("https?://[^\\s<>\"]+");

	private MimeParts() {
	}

	/** The multipart/alternative body: the text, then the HTML with the opening image. */
	static byte[] alternative(String boundary, String text, String imageUrl) {
		String html = "<!DOCTYPE html><html lang=\"ja\"><head><meta charset=\"UTF-8\"></head><body>"
				+ "<div style=\"white-space:pre-wrap;font-family:sans-serif\">" + html(text) + "</div>" + "<img src=\""
				+ escape(imageUrl) + "\" width=\"1\" height=\"1\" alt=\"\" style=\"border:0\">" + "</body></html>";
		Base64.Encoder base64 = Base64.getMimeEncoder();
		StringBuilder body = new StringBuilder(text.length() * 3);
		body.append("--").append(boundary).append("\r\n");
		body.append("Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n");
		body.append(base64.encodeToString(text.getBytes(StandardCharsets.UTF_8))).append("\r\n");
		body.append("--").append(boundary).append("\r\n");
		body.append("Content-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n");
		body.append(base64.encodeToString(html.getBytes(StandardCharsets.UTF_8))).append("\r\n");
		body.append("--").append(boundary).append("--");
		return body.toString().getBytes(StandardCharsets.US_ASCII);
	}

	/**
	 * A multipart/mixed body: the message's own body as its first part, then each file as
	 * an attachment, named in RFC 2231 form and, for older mail programs, as an RFC 2047
	 * encoded word.
	 */
	static byte[] mixed(String boundary, String contentType, String transferEncoding, byte[] body,
			List<LetterWriter.MailFile> files) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(
				body.length + files.stream().mapToInt(f -> f.base64().length + 400).sum());
		ascii(out, "--" + boundary + "\r\nContent-Type: " + contentType + "\r\nContent-Transfer-Encoding: "
				+ transferEncoding + "\r\n\r\n");
		out.writeBytes(body);
		for (LetterWriter.MailFile file : files) {
			// the encoded words folded one a line, so that no header line is too long
			String quoted = EncodedWords.encode(file.name(), StandardCharsets.UTF_8).replace("?= =?", "?=\r\n =?");
			ascii(out,
					"\r\n--" + boundary + "\r\nContent-Type: " + file.mediaType() + ";\r\n name=\"" + quoted
							+ "\"\r\nContent-Disposition: attachment;" + filename(file.name())
							+ "\r\nContent-Transfer-Encoding: base64\r\n\r\n");
			out.writeBytes(file.base64());
		}
		ascii(out, "\r\n--" + boundary + "--");
		return out.toByteArray();
	}

	/**
	 * The RFC 2231 file name, in continuations of at most 60 characters ({@code
	 * filename*0*=}, {@code filename*1*=} …) when it is longer, never splitting a %XX.
	 */
	static String filename(String name) {
		String encoded = percentEncoded(name);
		if (encoded.length() <= 60) {
			return "\r\n filename*=UTF-8''" + encoded;
		}
		StringBuilder parameter = new StringBuilder();
		int at = 0;
		for (int n = 0; at < encoded.length(); n++) {
			int end = Math.min(encoded.length(), at + 60);
			if (end < encoded.length() && encoded.charAt(end - 1) == '%') {
				end -= 1;
			}
			else if (end < encoded.length() && encoded.charAt(end - 2) == '%') {
				end -= 2;
			}
			parameter.append(n == 0 ? "" : ";")
				.append("\r\n filename*")
				.append(n)
				.append("*=")
				.append(n == 0 ? "UTF-8''" : "")
				.append(encoded, at, end);
			at = end;
		}
		return parameter.toString();
	}

	private static void ascii(ByteArrayOutputStream out, String text) {
		out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
	}

	/** RFC 2231's value: UTF-8 octets, all but letters, digits and a few marks as %XX. */
	private static String percentEncoded(String text) {
		StringBuilder encoded = new StringBuilder();
		for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
			int c = b & 0xFF;
			if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-'
					|| c == '_') {
				encoded.append((char) c);
			}
			else {
				encoded.append('%')
					.append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
					.append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
			}
		}
		return encoded.toString();
	}

	/** The text as HTML: escaped, with its addresses as links. */
	private static String html(String text) {
		StringBuilder html = new StringBuilder(text.length() + 64);
		Matcher url = URL.matcher(text);
		int at = 0;
		while (url.find()) {
			html.append(escape(text.substring(at, url.start())));
			String link = escape(url.group());
			html.append("<a href=\"").append(link).append("\">").append(link).append("</a>");
			at = url.end();
		}
		return html.append(escape(text.substring(at))).toString();
	}

	private static String escape(String text) {
		return text.replace("&", "&amp;")
			.replace("<", "&lt;")
			.replace(">", "&gt;")
			.replace("\"", "&quot;")
			.replace("'", "&#39;");
	}

	/** One header line, its value already encoded and folded. */
	static void header(StringBuilder headers, String name, String value) {
		headers.append(name).append(": ").append(value).append("\r\n");
	}

	/** The subject as RFC 2047 encoded words, folded like Jakarta Mail folds it. */
	static String encodedSubject(String subject, Charset charset) {
		return MimeUtility.fold(9, EncodedWords.encode(subject, charset));
	}

	/** Line breaks as CRLF, whatever the sender's browser sent. */
	static String lines(String text) {
		return text.replace("\r\n", "\n").replace('\r', '\n').replace("\n", "\r\n");
	}

	/** Whether no line of the body is longer than RFC 5322 allows. */
	static boolean shortLines(byte[] body) {
		int length = 0;
		for (byte b : body) {
			if (b == '\n') {
				length = 0;
			}
			else if (++length > MAX_LINE) {
				return false;
			}
		}
		return true;
	}

	/** Whether the text is printable ASCII, spaces allowed (a display name as it is). */
	static boolean printableAsciiWithSpaces(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c < ' ' || c >= 0x7f) {
				return false;
			}
		}
		return true;
	}

	/** Whether the text can stand in a header as it is: printable ASCII, no spaces. */
	static boolean printableAscii(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c <= ' ' || c >= 0x7f) {
				return false;
			}
		}
		return !text.isEmpty();
	}

}
