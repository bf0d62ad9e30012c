package jp.renraku.attachment;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The limits of a notice's files ({@code renraku.attachments.*}).
 *
 * @param maxFileSize the largest file
 * @param maxTotalSize all of one notice's files together
 * @param maxFiles how many files one notice may carry
 * @param keep how long after a notice is sent its files can still be opened; then the
 * bytes are deleted and the links say the files are no longer kept
 */
@ConfigurationProperties("renraku.attachments")
record AttachmentProperties(@DefaultValue("10MB") DataSize maxFileSize, @DefaultValue("10MB") DataSize maxTotalSize,
		@DefaultValue("5") int maxFiles, @DefaultValue("365d") Duration keep) {

}
