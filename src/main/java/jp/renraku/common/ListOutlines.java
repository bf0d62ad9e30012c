package jp.renraku.common;

import java.util.List;
import java.util.Locale;

/**
 * The lists a body has written, described by the seven items of Art. 7, for the usage
 * application (Form 1) to start from what the operations manager wrote on the lists
 * instead of retyping it (issue 16). Implemented by the registration module.
 */
public interface ListOutlines {

	/** One block of text per list of the body that is not erased, oldest first. */
	List<String> outlines(long bodyId, Locale locale);

}
