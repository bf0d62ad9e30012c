package jp.renraku.common;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;
import org.thymeleaf.context.ITemplateContext;
import org.thymeleaf.dialect.AbstractDialect;
import org.thymeleaf.dialect.IPostProcessorDialect;
import org.thymeleaf.engine.AbstractTemplateHandler;
import org.thymeleaf.engine.ITemplateHandler;
import org.thymeleaf.model.IAttribute;
import org.thymeleaf.model.ICloseElementTag;
import org.thymeleaf.model.IElementTag;
import org.thymeleaf.model.IModelFactory;
import org.thymeleaf.model.IOpenElementTag;
import org.thymeleaf.model.IProcessableElementTag;
import org.thymeleaf.model.IStandaloneElementTag;
import org.thymeleaf.model.IText;
import org.thymeleaf.postprocessor.IPostProcessor;
import org.thymeleaf.postprocessor.PostProcessor;
import org.thymeleaf.templatemode.TemplateMode;

/**
 * Readings on kanji for easy Japanese (やさしい日本語, issue 19): its messages write a reading
 * after a word as {@code 登録《とうろく》}; on a page in easy Japanese that becomes
 * {@code <ruby>登録<rp>(</rp><rt>とうろく</rt><rp>)</rp></ruby>}. Where markup cannot go (a
 * title, an attribute, a choice of a list) only the word stays. Done on the rendered
 * page, after every message and value was escaped, so nothing a person typed becomes
 * markup; pages in any other language are left as they are.
 */
@Component
class RubyDialect extends AbstractDialect implements IPostProcessorDialect {

	/** A word of kanji and its reading in hiragana. */
	static final Pattern READING = Pattern.compile("([\\p{IsHan}々〆ヶ]+)《([\\p{IsHiragana}ー]+)》");

	/** Elements whose text cannot hold markup. */
	private static final Set<String> PLAIN = Set.of("title", "option", "textarea");

	RubyDialect() {
		super("renraku-ruby");
	}

	@Override
	public int getDialectPostProcessorPrecedence() {
		return 1000;
	}

	@Override
	public Set<IPostProcessor> getPostProcessors() {
		return Set.of(new PostProcessor(TemplateMode.HTML, Readings.class, 1000));
	}

	/** Markup for a text of the page. */
	static String ruby(String text) {
		return READING.matcher(text).replaceAll("<ruby>$1<rp>(</rp><rt>$2</rt><rp>)</rp></ruby>");
	}

	/** The words alone. */
	static String plain(String text) {
		return READING.matcher(text).replaceAll("$1");
	}

	/** The handler of one rendering. */
	public static final class Readings extends AbstractTemplateHandler {

		private boolean easy;

		private IModelFactory factory;

		/** Inside an element that takes no markup. */
		private int plainDepth;

		@Override
		public void setContext(ITemplateContext context) {
			super.setContext(context);
			this.easy = Language.of(context.getLocale()) == Language.EASY_JA;
			this.factory = context.getModelFactory();
		}

		@Override
		public void handleText(IText text) {
			String content = text.getText();
			if (!this.easy || content.indexOf('《') < 0) {
				super.handleText(text);
				return;
			}
			Matcher m = READING.matcher(content);
			if (!m.find()) {
				super.handleText(text);
				return;
			}
			super.handleText(this.factory.createText(this.plainDepth > 0 ? plain(content) : ruby(content)));
		}

		@Override
		public void handleOpenElement(IOpenElementTag tag) {
			if (this.easy && PLAIN.contains(tag.getElementCompleteName())) {
				this.plainDepth++;
			}
			super.handleOpenElement(this.easy ? (IOpenElementTag) attributes(tag) : tag);
		}

		@Override
		public void handleCloseElement(ICloseElementTag tag) {
			if (this.easy && PLAIN.contains(tag.getElementCompleteName()) && this.plainDepth > 0) {
				this.plainDepth--;
			}
			super.handleCloseElement(tag);
		}

		@Override
		public void handleStandaloneElement(IStandaloneElementTag tag) {
			super.handleStandaloneElement(this.easy ? (IStandaloneElementTag) attributes(tag) : tag);
		}

		/** Attribute values keep only the words. */
		private IElementTag attributes(IProcessableElementTag tag) {
			IProcessableElementTag result = tag;
			for (IAttribute attribute : tag.getAllAttributes()) {
				String value = attribute.getValue();
				if (value != null && value.indexOf('《') >= 0) {
					result = this.factory.replaceAttribute(result,
							attribute.getAttributeDefinition().getAttributeName(), attribute.getAttributeCompleteName(),
							plain(value));
				}
			}
			return result;
		}

	}

}
