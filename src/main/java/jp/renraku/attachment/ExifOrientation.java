package jp.renraku.attachment;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The one Exif value a photo keeps: its orientation (tag 0x0112), without which a phone's
 * portrait photo, stored as landscape pixels, shows on its side. Read from the first
 * directory (IFD0) of an Exif APP1 segment, written back as an APP1 of that one entry.
 */
final class ExifOrientation {

	private static final byte[] EXIF = "Exif\0\0".getBytes(StandardCharsets.US_ASCII);

	private static final int TAG = 0x0112;

	private ExifOrientation() {
	}

	/**
	 * The orientation (1 to 8) in an APP1 segment's payload, or 0 when it is not Exif or
	 * has none.
	 */
	static int of(byte[] in, int start, int length) {
		try {
			return read(in, start, length);
		}
		catch (IndexOutOfBoundsException ex) {
			// a broken Exif block: no orientation, and the block goes as all Exif does
			return 0;
		}
	}

	private static int read(byte[] in, int start, int length) {
		if (length < EXIF.length + 8 || !Arrays.equals(in, start, start + EXIF.length, EXIF, 0, EXIF.length)) {
			return 0;
		}
		ByteBuffer tiff = ByteBuffer.wrap(in, start + EXIF.length, length - EXIF.length).slice();
		if (tiff.get(0) == 'I' && tiff.get(1) == 'I') {
			tiff.order(ByteOrder.LITTLE_ENDIAN);
		}
		else if (tiff.get(0) != 'M' || tiff.get(1) != 'M') {
			return 0;
		}
		long ifd = Integer.toUnsignedLong(tiff.getInt(4));
		if (ifd + 2 > tiff.limit()) {
			return 0;
		}
		int entries = Short.toUnsignedInt(tiff.getShort((int) ifd));
		for (int n = 0; n < entries; n++) {
			int entry = (int) ifd + 2 + 12 * n;
			if (entry + 12 > tiff.limit()) {
				return 0;
			}
			if (Short.toUnsignedInt(tiff.getShort(entry)) == TAG) {
				int value = Short.toUnsignedInt(tiff.getShort(entry + 8));
				return value >= 1 && value <= 8 ? value : 0;
			}
		}
		return 0;
	}

	/** An APP1 segment holding only the orientation. */
	static byte[] segment(int orientation) {
		ByteBuffer tiff = ByteBuffer.allocate(8 + 2 + 12 + 4).order(ByteOrder.BIG_ENDIAN);
		tiff.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8);
		tiff.putShort((short) 1);
		tiff.putShort((short) TAG).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
		tiff.putInt(0);
		int length = 2 + EXIF.length + tiff.capacity();
		ByteBuffer segment = ByteBuffer.allocate(2 + length);
		segment.put((byte) 0xFF).put((byte) 0xE1).putShort((short) length).put(EXIF).put(tiff.array());
		return segment.array();
	}

}
