package jp.renraku.attachment;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Takes the metadata out of a photo before it goes to residents: Exif (with the GPS
 * position a phone writes; only its orientation is written back), XMP, IPTC, comments and
 * whatever follows the end of the image in a JPEG; {@code eXIf}, text and time chunks in
 * a PNG. The image data itself is copied byte for byte, not decoded and re-encoded, so
 * nothing of the picture is lost. Written here rather than taken from a library because
 * it is a walk over the segment headers of two formats (JPEG markers, PNG chunks); the
 * libraries that do it (Apache Commons Imaging) are still alpha releases, and others
 * re-encode the picture.
 */
final class ImageMetadata {

	/**
	 * JPEG segments kept: JFIF (APP0), Adobe (APP14); an ICC profile (APP2) by its name.
	 */
	private static final Set<Integer> KEPT_APP = Set.of(0xE0, 0xEE);

	/** PNG chunks dropped: Exif, text, compressed and international text, time. */
	private static final Set<String> DROPPED_CHUNKS = Set.of("eXIf", "tEXt", "zTXt", "iTXt", "tIME");

	/**
	 * The largest width or height accepted: beyond it, opening the image costs a phone.
	 */
	static final int MAX_SIDE = 12_000;

	private ImageMetadata() {
	}

	/** An image's pixels, read from its header only. */
	record Size(int width, int height) {
	}

	/** The width and height, if the bytes are an image Java can read. */
	static Optional<Size> size(byte[] image) {
		try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(image))) {
			Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
			if (!readers.hasNext()) {
				return Optional.empty();
			}
			ImageReader reader = readers.next();
			try {
				reader.setInput(in, true, true);
				return Optional.of(new Size(reader.getWidth(0), reader.getHeight(0)));
			}
			finally {
				reader.dispose();
			}
		}
		catch (IOException | RuntimeException ex) {
			return Optional.empty();
		}
	}

	/** The image without its metadata; empty when its structure is broken. */
	static Optional<byte[]> stripped(FileType type, byte[] image) {
		try {
			return Optional.of(type == FileType.JPEG ? jpeg(image) : png(image));
		}
		catch (IndexOutOfBoundsException | IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	private static byte[] jpeg(byte[] in) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
		out.write(0xFF);
		out.write(0xD8);
		int i = 2;
		boolean orientationWritten = false;
		while (true) {
			if ((in[i] & 0xFF) != 0xFF) {
				throw new IllegalArgumentException("not a marker");
			}
			int marker = in[i + 1] & 0xFF;
			if (marker == 0xFF) {
				// fill byte
				i++;
				continue;
			}
			if (marker == 0xD9) {
				// end of image: whatever a phone appends after it (a trailer, a motion
				// photo's video, preview pictures with their own Exif) does not go
				out.write(in, i, 2);
				return out.toByteArray();
			}
			if ((marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) {
				out.write(in, i, 2);
				i += 2;
				continue;
			}
			int length = ((in[i + 2] & 0xFF) << 8) | (in[i + 3] & 0xFF);
			if (length < 2 || i + 2 + length > in.length) {
				throw new IllegalArgumentException("segment overruns the file");
			}
			int next = i + 2 + length;
			if (marker == 0xDA) {
				// start of scan: its header, then the picture's data up to the next
				// marker
				// (a byte FF followed by 00 or a restart marker is data)
				int end = next;
				while (!((in[end] & 0xFF) == 0xFF && (in[end + 1] & 0xFF) != 0x00
						&& ((in[end + 1] & 0xFF) < 0xD0 || (in[end + 1] & 0xFF) > 0xD7))) {
					end++;
				}
				out.write(in, i, end - i);
				i = end;
				continue;
			}
			if (marker == 0xE1 && !orientationWritten) {
				// Exif: only the orientation stays, so that a portrait photo stands
				// upright
				int orientation = ExifOrientation.of(in, i + 4, length - 2);
				if (orientation > 1) {
					byte[] exif = ExifOrientation.segment(orientation);
					out.write(exif, 0, exif.length);
					orientationWritten = true;
				}
			}
			else if (kept(marker, in, i + 4, length - 2)) {
				out.write(in, i, 2 + length);
			}
			i = next;
		}
	}

	/**
	 * Whether a segment is picture, not metadata: every non-APPn, non-comment segment;
	 * JFIF (APP0), an ICC colour profile (APP2 starting {@code ICC_PROFILE}) and Adobe's
	 * colour transform (APP14).
	 */
	private static boolean kept(int marker, byte[] in, int start, int length) {
		if (marker == 0xFE) {
			return false;
		}
		if (marker < 0xE0 || marker > 0xEF) {
			return true;
		}
		if (marker == 0xE2) {
			byte[] icc = "ICC_PROFILE\0".getBytes(StandardCharsets.US_ASCII);
			return length >= icc.length && Arrays.equals(in, start, start + icc.length, icc, 0, icc.length);
		}
		return KEPT_APP.contains(marker);
	}

	private static byte[] png(byte[] in) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
		out.write(in, 0, 8);
		int i = 8;
		while (i < in.length) {
			long length = ((in[i] & 0xFFL) << 24) | ((in[i + 1] & 0xFF) << 16) | ((in[i + 2] & 0xFF) << 8)
					| (in[i + 3] & 0xFF);
			String chunk = new String(in, i + 4, 4, StandardCharsets.ISO_8859_1);
			long end = i + 12 + length;
			if (end > in.length) {
				throw new IllegalArgumentException("chunk overruns the file");
			}
			if (!DROPPED_CHUNKS.contains(chunk)) {
				out.write(in, i, (int) (end - i));
			}
			i = (int) end;
			if (chunk.equals("IEND")) {
				return out.toByteArray();
			}
		}
		throw new IllegalArgumentException("no IEND chunk");
	}

}
