package jp.renraku.attachment;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The kinds of file a notice may carry, each known by its first bytes (its magic number),
 * never by the name or the type the browser claimed.
 */
public enum FileType {

	PDF("application/pdf", Set.of("pdf"), new byte[] { '%', 'P', 'D', 'F', '-' }),

	JPEG("image/jpeg", Set.of("jpg", "jpeg"), new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF }),

	PNG("image/png", Set.of("png"), new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' });

	private final String mediaType;

	private final Set<String> extensions;

	private final byte[] magic;

	FileType(String mediaType, Set<String> extensions, byte[] magic) {
		this.mediaType = mediaType;
		this.extensions = extensions;
		this.magic = magic;
	}

	public String mediaType() {
		return mediaType;
	}

	public boolean image() {
		return this != PDF;
	}

	/** The label shown beside a file's name: PDF, JPEG, PNG. */
	public String label() {
		return name();
	}

	/** The type the bytes are, if any of these. */
	static Optional<FileType> of(byte[] bytes) {
		return Arrays.stream(values())
			.filter(type -> bytes.length >= type.magic.length
					&& Arrays.equals(bytes, 0, type.magic.length, type.magic, 0, type.magic.length))
			.findFirst();
	}

	/** Whether a file name's extension, if it has one, names this type. */
	boolean named(String fileName) {
		int dot = fileName.lastIndexOf('.');
		return dot < 0 || extensions.contains(fileName.substring(dot + 1).toLowerCase(Locale.ROOT));
	}

}
