package jp.renraku.common;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * The object does not exist, or it belongs to another body: both answer 404 so that staff
 * cannot learn what other bodies hold.
 */
@ResponseStatus(HttpStatus.NOT_FOUND)
public class NotFoundException extends RuntimeException {

	public NotFoundException(String what) {
		super(what);
	}

}
