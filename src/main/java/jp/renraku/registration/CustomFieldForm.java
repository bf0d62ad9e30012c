package jp.renraku.registration;

import java.util.List;

import jakarta.validation.constraints.Size;
import jp.renraku.common.MultiLine;
import jp.renraku.common.SingleLine;
import org.jspecify.annotations.Nullable;

/**
 * One of a list's own questions as the operations manager types it, in {@link ListForm};
 * a blank label means no question in this slot.
 */
public class CustomFieldForm {

	@Size(max = 50, message = "{validation.maxLength}")
	@SingleLine
	private @Nullable String label;

	private FieldKind kind = FieldKind.TEXT;

	@Size(max = 2000, message = "{validation.maxLength}")
	@MultiLine
	private @Nullable String options;

	private boolean required;

	private @Nullable Long id;

	static CustomFieldForm of(CustomField field) {
		CustomFieldForm form = new CustomFieldForm();
		form.id = field.id();
		form.label = field.label();
		form.kind = field.kind();
		form.options = Lines.join(field.options());
		form.required = field.required();
		return form;
	}

	boolean used() {
		return label != null && !label.isBlank();
	}

	/** The question as the list keeps it; choices only for a choice question. */
	ListRules.FieldRule toRule() {
		return new ListRules.FieldRule(id, label, kind, kind == FieldKind.TEXT ? List.of() : Lines.of(options),
				required);
	}

	public @Nullable String getLabel() {
		return label;
	}

	public void setLabel(@Nullable String label) {
		this.label = label == null ? null : label.strip();
	}

	public FieldKind getKind() {
		return kind;
	}

	public void setKind(FieldKind kind) {
		this.kind = kind;
	}

	public @Nullable String getOptions() {
		return options;
	}

	public void setOptions(@Nullable String options) {
		this.options = options;
	}

	public boolean isRequired() {
		return required;
	}

	public void setRequired(boolean required) {
		this.required = required;
	}

	public @Nullable Long getId() {
		return id;
	}

	public void setId(@Nullable Long id) {
		this.id = id;
	}

}
