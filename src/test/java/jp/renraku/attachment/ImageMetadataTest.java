package jp.renraku.attachment;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ImageMetadataTest {

	@Test
	void aJpegLosesItsExifAndCommentButNotOnePixel() throws IOException {
		byte[] phone = TestFiles.jpegWithGps();
		assertThat(TestFiles.contains(phone, TestFiles.GPS_MARK)).isTrue();

		byte[] stripped = ImageMetadata.stripped(FileType.JPEG, phone).orElseThrow();

		assertThat(TestFiles.contains(stripped, TestFiles.GPS_MARK)).isFalse();
		assertThat(TestFiles.contains(stripped, "Exif")).isFalse();
		assertThat(TestFiles.contains(stripped, "Test Phone")).isFalse();
		assertThat(TestFiles.contains(stripped, "JFIF")).isTrue();
		assertThat(pixels(stripped)).isEqualTo(pixels(phone));
		assertThat(ImageMetadata.size(stripped)).contains(new ImageMetadata.Size(40, 30));
	}

	@Test
	void aPortraitPhotoKeepsOnlyItsOrientationAndNothingAfterTheImage() throws IOException {
		for (boolean progressive : new boolean[] { false, true }) {
			byte[] phone = TestFiles.phonePortrait(progressive);
			byte[] stripped = ImageMetadata.stripped(FileType.JPEG, phone).orElseThrow();

			assertThat(TestFiles.contains(stripped, TestFiles.GPS_MARK)).as("progressive " + progressive).isFalse();
			assertThat(TestFiles.contains(stripped, "MPF")).isFalse();
			assertThat(TestFiles.contains(stripped, "preview")).isFalse();
			assertThat(stripped[stripped.length - 2] & 0xFF).isEqualTo(0xFF);
			assertThat(stripped[stripped.length - 1] & 0xFF).isEqualTo(0xD9);
			int exif = new String(stripped, StandardCharsets.ISO_8859_1).indexOf("Exif");
			assertThat(ExifOrientation.of(stripped, exif, stripped.length - exif)).isEqualTo(6);
			assertThat(pixels(stripped)).isEqualTo(pixels(phone));
		}
	}

	@Test
	void aPngLosesItsTextAndExifChunks() throws IOException {
		byte[] phone = TestFiles.pngWithGps();
		byte[] stripped = ImageMetadata.stripped(FileType.PNG, phone).orElseThrow();

		assertThat(TestFiles.contains(stripped, TestFiles.GPS_MARK)).isFalse();
		assertThat(TestFiles.contains(stripped, "eXIf")).isFalse();
		assertThat(stripped).isEqualTo(TestFiles.encoded(TestFiles.picture(), "png"));
		assertThat(pixels(stripped)).isEqualTo(pixels(phone));
	}

	@Test
	void aBrokenImageIsRefusedNotCopied() {
		byte[] png = TestFiles.encoded(TestFiles.picture(), "png");
		assertThat(ImageMetadata.stripped(FileType.PNG, Arrays.copyOf(png, png.length - 20))).isEmpty();
		byte[] jpeg = TestFiles.encoded(TestFiles.picture(), "jpg");
		assertThat(ImageMetadata.stripped(FileType.JPEG, Arrays.copyOf(jpeg, 30))).isEmpty();
		assertThat(ImageMetadata.size(new byte[] { (byte) 0x89, 'P', 'N', 'G' })).isEmpty();
	}

	@Test
	void aFileNameLosesFoldersControlAndDirectionCharacters() {
		assertThat(NoticeAttachments.fileName("C:\\Users\\tanaka\\案内.pdf")).isEqualTo("案内.pdf");
		assertThat(NoticeAttachments.fileName("../../etc/案内\u202Egpj.pdf")).isEqualTo("案内gpj.pdf");
		assertThat(NoticeAttachments.fileName("a\r\nb\".pdf")).isEqualTo("ab.pdf");
		assertThat(NoticeAttachments.fileName("あ".repeat(150) + ".pdf")).hasSize(100).endsWith(".pdf");
	}

	private static int[] pixels(byte[] image) throws IOException {
		BufferedImage read = ImageIO.read(new ByteArrayInputStream(image));
		return read.getRGB(0, 0, read.getWidth(), read.getHeight(), null, 0, read.getWidth());
	}

}
