package jp.renraku.scan;

import java.util.Locale;

import jp.renraku.RenrakuIntegrationTest;
import jp.renraku.account.StaffFixtures;
import jp.renraku.account.StaffFixtures.TestStaff;
import jp.renraku.registration.RegistrationFixtures;
import jp.renraku.registration.RegistrationList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With no scanner configured (the embedded default) the upload pages say files are not
 * scanned.
 */
@RenrakuIntegrationTest
class UnscannedUploadsTest {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	StaffFixtures staff;

	@Autowired
	RegistrationFixtures fixtures;

	@Autowired
	MessageSource messages;

	@Autowired
	UploadScanning scanning;

	@Test
	void theUploadPagesSayFilesAreNotScanned() {
		String notScanned = messages.getMessage("scan.off", null, Locale.JAPANESE);
		TestStaff manager = staff.manager(staff.bodyWithoutPermit());
		RegistrationList list = fixtures.list(manager);
		assertThat(scanning.enabled()).isFalse();
		assertThat(mvc.get().uri("/lists/" + list.id() + "/import").with(manager.signedIn())).hasStatusOk()
			.bodyText()
			.contains(notScanned);
		assertThat(mvc.get().uri("/applications/new").with(manager.signedIn())).hasStatusOk()
			.bodyText()
			.contains(notScanned);
	}

}
