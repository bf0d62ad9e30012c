/**
 * The files a notice carries (issue 20): PDF, JPEG and PNG, within limits per file and
 * per notice, scanned and checked by their bytes before they are accepted (a PDF with
 * JavaScript, embedded files or launch actions is refused, an image loses its metadata,
 * GPS included), stored once whatever the number of recipients, and kept until the
 * notice's keeping of them ends. {@link jp.renraku.attachment.NoticeAttachments} is the
 * API; the notice module owns the pages that add them, the confirmation module the
 * personal links that open them.
 */
@ApplicationModule(allowedDependencies = { "audit", "common", "scan" })
@NullMarked
package jp.renraku.attachment;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
