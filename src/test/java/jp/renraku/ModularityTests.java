package jp.renraku;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

class ModularityTests {

	@Test
	void modulesKeepTheirBoundaries() {
		ApplicationModules.of(RenrakuApplication.class).verify();
	}

}
