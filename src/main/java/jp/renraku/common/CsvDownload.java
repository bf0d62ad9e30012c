package jp.renraku.common;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;

/**
 * A CSV file as the response, in the encoding the staff member chose: UTF-8 with a byte
 * order mark (Excel in Japanese offices reads UTF-8 correctly only with it) or Shift_JIS
 * (Windows-31J) for older tools. Never cached.
 */
public final class CsvDownload {

	/** The encoding parameter's value for Shift_JIS; anything else is UTF-8. */
	public static final String SHIFT_JIS = "cp932";

	private CsvDownload() {
	}

	public static Writer open(HttpServletResponse response, String filename, String encoding) throws IOException {
		boolean cp932 = SHIFT_JIS.equals(encoding);
		Charset charset = cp932 ? Charset.forName("windows-31j") : StandardCharsets.UTF_8;
		response.setContentType("text/csv; charset=" + (cp932 ? "Shift_JIS" : "UTF-8"));
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
				ContentDisposition.attachment().filename(filename, StandardCharsets.UTF_8).build().toString());
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		Writer out = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(),
				charset.newEncoder().onUnmappableCharacter(CodingErrorAction.REPLACE)));
		if (!cp932) {
			out.write('\uFEFF');
		}
		return out;
	}

}
