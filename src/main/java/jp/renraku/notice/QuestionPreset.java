package jp.renraku.notice;

import java.util.List;

import jp.renraku.confirmation.NoticeQuestion.Kind;
import jp.renraku.confirmation.NoticeQuestion;

/**
 * Ready-made notices for the common cases of Art. 5-2: safety confirmation after a
 * disaster, attendance, and staff mustering. The sender changes what they need before
 * sending; the texts are Japanese because the recipients read Japanese.
 */
enum QuestionPreset {

	/** 安否確認. */
	SAFETY("【安否確認】ご無事かお知らせください", """
			{{氏名}} 様

			災害が発生しました。ご本人とご家族の状況を、下のリンクからお知らせください。
			回答は締切までであれば何度でも変更できます。

			{{受信確認リンク}}
			""", true,
			List.of(choice(1, Kind.SINGLE_CHOICE, "あなたの状況", true, "無事", "負傷している", "支援が必要"),
					choice(2, Kind.SINGLE_CHOICE, "ご家族の状況", false, "全員無事", "負傷者がいる", "連絡が取れない家族がいる", "同居の家族はいない"),
					text(3, "いる場所・伝えたいこと", 200))),

	/** 出欠. */
	ATTENDANCE("【出欠確認】", """
			{{氏名}} 様

			出欠を下のリンクからお知らせください。

			{{受信確認リンク}}
			""", false, List.of(choice(1, Kind.SINGLE_CHOICE, "出欠", true, "出席", "欠席", "未定"), text(2, "連絡事項", 200))),

	/** 職員参集. */
	MUSTER("【職員参集】参集の可否を回答してください", """
			{{氏名}} 様

			参集の可否と到着の見込みを、下のリンクから至急回答してください。

			{{受信確認リンク}}
			""", true,
			List.of(choice(1, Kind.SINGLE_CHOICE, "参集の可否", true, "参集できる", "参集できない"),
					choice(2, Kind.SINGLE_CHOICE, "到着の見込み", false, "30分以内", "1時間以内", "2時間以内", "3時間以内", "3時間を超える"),
					text(3, "参集できない理由・連絡事項", 200)));

	private final String subject;

	private final String text;

	private final boolean emergency;

	private final List<NoticeQuestion> questions;

	QuestionPreset(String subject, String text, boolean emergency, List<NoticeQuestion> questions) {
		this.subject = subject;
		this.text = text;
		this.emergency = emergency;
		this.questions = questions;
	}

	private static NoticeQuestion choice(int position, Kind kind, String label, boolean required, String... options) {
		return new NoticeQuestion(position, kind, label, List.of(options), required, 200);
	}

	private static NoticeQuestion text(int position, String label, int maxLength) {
		return new NoticeQuestion(position, Kind.TEXT, label, List.of(), false, maxLength);
	}

	String subject() {
		return subject;
	}

	String text() {
		return text;
	}

	boolean emergency() {
		return emergency;
	}

	List<NoticeQuestion> questions() {
		return questions;
	}

}
