package jp.renraku;

import jp.renraku.account.StaffFixtures.TestStaff;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/** A form a staff member posts, as the pages post it: signed in, with the CSRF token. */
public final class StaffRequests {

	private StaffRequests() {
	}

	/** Posts the form fields, given as name, value, name, value, … */
	public static MvcTestResult post(MockMvcTester mvc, TestStaff who, String uri, String... fields) {
		var request = mvc.post().uri(uri).with(who.signedIn()).with(csrf());
		for (int i = 0; i < fields.length; i += 2) {
			request = request.param(fields[i], fields[i + 1]);
		}
		return request.exchange();
	}

}
