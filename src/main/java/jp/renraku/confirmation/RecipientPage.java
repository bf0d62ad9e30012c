package jp.renraku.confirmation;

import java.util.List;

/** A page of a notice's recipients, with what they sent back. */
public record RecipientPage(List<ResultRecipient> recipients, long total, int page, int pageSize) {

	public boolean hasNext() {
		return (long) (page + 1) * pageSize < total;
	}

}
