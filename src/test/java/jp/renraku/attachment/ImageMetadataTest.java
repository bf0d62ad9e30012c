package jp.renraku.attachment;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
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

	private static int[] pixels(byte[] image) throws IOException {
		BufferedImage read = ImageIO.read(new ByteArrayInputStream(image));
		return read.getRGB(0, 0, read.getWidth(), read.getHeight(), null, 0, read.getWidth());
	}

}
