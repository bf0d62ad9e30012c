package jp.renraku.scan;

import java.nio.charset.StandardCharsets;

import jp.renraku.common.NotFoundException;
import jp.renraku.common.Staff;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Quarantined uploads: the system administrator lists them and downloads one for an
 * investigation; a body's staff see only the facts of their own body's files (an incident
 * names them), another body's file is "not found".
 */
@Controller
@RequestMapping("/quarantine")
class QuarantineController {

	private final QuarantinedFiles files;

	QuarantineController(QuarantinedFiles files) {
		this.files = files;
	}

	@GetMapping
	@PreAuthorize("hasRole('SYSTEM_ADMIN')")
	String list(Model model) {
		model.addAttribute("files", files.all());
		return "scan/list";
	}

	@GetMapping("/{id}")
	String show(@AuthenticationPrincipal Staff staff, @PathVariable long id, Model model) {
		model.addAttribute("file", files.find(id, staff).orElseThrow(() -> new NotFoundException("quarantine " + id)));
		return "scan/detail";
	}

	/** The infected bytes, as an opaque download the browser does not open. */
	@GetMapping("/{id}/file")
	@PreAuthorize("hasRole('SYSTEM_ADMIN')")
	ResponseEntity<byte[]> download(@AuthenticationPrincipal Staff staff, @PathVariable long id) {
		byte[] bytes = files.bytes(id).orElseThrow(() -> new NotFoundException("quarantine " + id));
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment()
						.filename("quarantine-" + id + ".bin", StandardCharsets.UTF_8)
						.build()
						.toString())
			.body(bytes);
	}

}
