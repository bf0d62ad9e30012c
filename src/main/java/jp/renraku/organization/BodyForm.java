package jp.renraku.organization;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jp.renraku.common.SingleLine;
import org.jspecify.annotations.Nullable;

/**
 * The body form of the system administrator.
 */
class BodyForm {

	@NotBlank(message = "{validation.required}")
	@Size(max = 100, message = "{validation.maxLength}")
	@SingleLine
	private @Nullable String name;

	@NotNull(message = "{validation.required}")
	private @Nullable BodyKind kind;

	static BodyForm of(Body body) {
		BodyForm form = new BodyForm();
		form.name = body.name();
		form.kind = body.kind();
		return form;
	}

	public @Nullable String getName() {
		return name;
	}

	public void setName(@Nullable String name) {
		this.name = name == null ? null : name.strip();
	}

	public @Nullable BodyKind getKind() {
		return kind;
	}

	public void setKind(@Nullable BodyKind kind) {
		this.kind = kind;
	}

}
