package jp.renraku.registration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GuideTextTest {

	@Test
	void aPurposeThatFitsIsPrintedWhole() {
		String purpose = "あ".repeat(GuideText.LINE * GuideText.LINES);
		assertThat(GuideText.purpose(purpose)).isEqualTo(new GuideText(purpose, false));
		String lines = "一行\n".repeat(GuideText.LINES - 1) + "最後";
		assertThat(GuideText.purpose(lines)).isEqualTo(new GuideText(lines, false));
	}

	@Test
	void aLongPurposeIsCutWithAnEllipsisLeavingRoomForTheNote() {
		GuideText cut = GuideText.purpose("あ".repeat(2000));
		assertThat(cut.cut()).isTrue();
		assertThat(cut.text()).endsWith("\u2026").hasSize(GuideText.LINE * GuideText.LINES - 20 + 1);
	}

	@Test
	void manyShortLinesAreCutToTheLinesThereAreRoomFor() {
		GuideText cut = GuideText.purpose("一行\n".repeat(20));
		assertThat(cut.cut()).isTrue();
		assertThat(cut.text().split("\n")).hasSizeLessThanOrEqualTo(GuideText.LINES);
		assertThat(cut.text()).endsWith("一行\u2026");
	}

	@Test
	void charactersOutsideTheBasicPlaneAreNotSplit() {
		GuideText cut = GuideText.purpose("𠮷".repeat(400));
		assertThat(cut.text().codePointCount(0, cut.text().length()))
			.isEqualTo(GuideText.LINE * GuideText.LINES - 20 + 1);
	}

}
