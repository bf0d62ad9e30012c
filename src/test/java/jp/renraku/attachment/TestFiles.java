package jp.renraku.attachment;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.CRC32;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * Real files for the tests of a notice's files: PDFs made by PDFBox, images by ImageIO.
 */
public final class TestFiles {

	/** The text an Exif block with a GPS position carries in these tests. */
	public static final String GPS_MARK = "GPSLatitude=35.4100N GPSLongitude=134.7700E";

	private TestFiles() {
	}

	/** A PDF of one page; {@code change} may add to it before it is saved. */
	public static byte[] pdf(PdfChange change) {
		try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			PDPage page = new PDPage();
			document.addPage(page);
			try (PDPageContentStream content = new PDPageContentStream(document, page)) {
				content.addRect(50, 50, 100, 100);
				content.fill();
			}
			change.apply(document);
			document.save(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static byte[] pdf() {
		return pdf(document -> {
		});
	}

	/** A PDF of about the size given, of incompressible pixels. */
	public static byte[] largePdf(int side) {
		return pdf(document -> {
			PDImageXObject image = LosslessFactory.createFromImage(document, noise(side));
			try (PDPageContentStream content = new PDPageContentStream(document, document.getPage(0),
					PDPageContentStream.AppendMode.APPEND, true)) {
				content.drawImage(image, 0, 0, 200, 200);
			}
		});
	}

	/** Changes a PDF before it is saved. */
	public interface PdfChange {

		void apply(PDDocument document) throws IOException;

	}

	private static BufferedImage noise(int side) {
		BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
		Random random = new Random(side);
		for (int y = 0; y < side; y++) {
			for (int x = 0; x < side; x++) {
				image.setRGB(x, y, random.nextInt(0x1000000));
			}
		}
		return image;
	}

	/** A picture of 40 × 30 pixels, a blue square on white. */
	public static BufferedImage picture() {
		BufferedImage image = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		g.setColor(Color.WHITE);
		g.fillRect(0, 0, 40, 30);
		g.setColor(Color.BLUE);
		g.fillRect(10, 5, 20, 20);
		g.dispose();
		return image;
	}

	public static byte[] encoded(BufferedImage image, String format) {
		try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			ImageIO.write(image, format, out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A JPEG as a phone writes it: an Exif block (APP1) carrying {@link #GPS_MARK} and a
	 * comment right after the start of the image.
	 */
	public static byte[] jpegWithGps() {
		byte[] plain = encoded(picture(), "jpg");
		byte[] exif = ("Exif\0\0MM\0*\0\0\0\b" + GPS_MARK).getBytes(StandardCharsets.ISO_8859_1);
		byte[] comment = "taken by Test Phone".getBytes(StandardCharsets.ISO_8859_1);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(plain, 0, 2);
		segment(out, 0xE1, exif);
		segment(out, 0xFE, comment);
		out.write(plain, 2, plain.length - 2);
		return out.toByteArray();
	}

	/**
	 * A portrait photo as a phone writes it: landscape pixels with Exif orientation 6
	 * (and the GPS mark), an MPF block (APP2) and a preview picture after the end of the
	 * image, progressive if asked.
	 */
	public static byte[] phonePortrait(boolean progressive) {
		byte[] plain = progressive ? progressiveJpeg(picture()) : encoded(picture(), "jpg");
		ByteBuffer tiff = ByteBuffer.allocate(8 + 2 + 12 + 4 + GPS_MARK.length());
		tiff.put((byte) 'I').put((byte) 'I').order(ByteOrder.LITTLE_ENDIAN).putShort((short) 42).putInt(8);
		tiff.putShort((short) 1)
			.putShort((short) 0x0112)
			.putShort((short) 3)
			.putInt(1)
			.putShort((short) 6)
			.putShort((short) 0);
		tiff.putInt(0).put(GPS_MARK.getBytes(StandardCharsets.ISO_8859_1));
		ByteArrayOutputStream exif = new ByteArrayOutputStream();
		exif.writeBytes("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1));
		exif.writeBytes(tiff.array());
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(plain, 0, 2);
		segment(out, 0xE1, exif.toByteArray());
		segment(out, 0xE2, ("MPF\0" + GPS_MARK).getBytes(StandardCharsets.ISO_8859_1));
		out.write(plain, 2, plain.length - 2);
		out.writeBytes(("preview " + GPS_MARK).getBytes(StandardCharsets.ISO_8859_1));
		return out.toByteArray();
	}

	private static byte[] progressiveJpeg(BufferedImage image) {
		try (ByteArrayOutputStream out = new ByteArrayOutputStream();
				var stream = ImageIO.createImageOutputStream(out)) {
			var writer = ImageIO.getImageWritersByFormatName("jpg").next();
			var param = writer.getDefaultWriteParam();
			param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
			writer.setOutput(stream);
			writer.write(null, new IIOImage(image, null, null), param);
			writer.dispose();
			stream.flush();
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void segment(ByteArrayOutputStream out, int marker, byte[] data) {
		out.write(0xFF);
		out.write(marker);
		out.write((data.length + 2) >> 8);
		out.write((data.length + 2) & 0xFF);
		out.write(data, 0, data.length);
	}

	/** A PNG with a text chunk and an eXIf chunk carrying {@link #GPS_MARK}. */
	public static byte[] pngWithGps() {
		byte[] plain = encoded(picture(), "png");
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		// signature and IHDR (8 + 25 bytes), then the added chunks, then the rest
		out.write(plain, 0, 33);
		chunk(out, "tEXt", ("Comment\0" + GPS_MARK).getBytes(StandardCharsets.ISO_8859_1));
		chunk(out, "eXIf", ("MM\0*" + GPS_MARK).getBytes(StandardCharsets.ISO_8859_1));
		out.write(plain, 33, plain.length - 33);
		return out.toByteArray();
	}

	private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
		byte[] name = type.getBytes(StandardCharsets.ISO_8859_1);
		int length = data.length;
		out.write(length >>> 24);
		out.write(length >>> 16);
		out.write(length >>> 8);
		out.write(length);
		out.write(name, 0, 4);
		out.write(data, 0, data.length);
		CRC32 crc = new CRC32();
		crc.update(name);
		crc.update(data);
		long value = crc.getValue();
		out.write((int) (value >>> 24));
		out.write((int) (value >>> 16));
		out.write((int) (value >>> 8));
		out.write((int) value);
	}

	public static boolean contains(byte[] bytes, String text) {
		return new String(bytes, StandardCharsets.ISO_8859_1).contains(text);
	}

}
