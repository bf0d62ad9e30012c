package jp.renraku.common;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClientAddressTest {

	@Test
	void ipv6AddressesCountByTheirSlash64() {
		assertThat(ClientAddress.network("2001:db8:1:2:3:4:5:6")).isEqualTo("2001:db8:1:2::/64");
		assertThat(ClientAddress.network("2001:0db8:0001:0002:ffff::1")).isEqualTo("2001:db8:1:2::/64");
		assertThat(ClientAddress.network("2001:db8:1:2::9")).isEqualTo(ClientAddress.network("2001:db8:1:2:a:b:c:d"));
		assertThat(ClientAddress.network("2001:db8:1:3::9")).isNotEqualTo(ClientAddress.network("2001:db8:1:2::9"));
		assertThat(ClientAddress.network("[2001:db8::1]")).isEqualTo("2001:db8:0:0::/64");
		assertThat(ClientAddress.network("fe80::1%eth0")).isEqualTo("fe80:0:0:0::/64");
		assertThat(ClientAddress.network("::1")).isEqualTo("0:0:0:0::/64");
	}

	@Test
	void ipv4AndMappedAddressesCountAsThemselves() {
		assertThat(ClientAddress.network("192.0.2.7")).isEqualTo("192.0.2.7");
		assertThat(ClientAddress.network("::ffff:192.0.2.7")).isEqualTo("192.0.2.7");
	}

	@Test
	void anythingElseCountsAsItIsAndIsNeverLookedUp() {
		assertThat(ClientAddress.network("example.jp")).isEqualTo("example.jp");
		assertThat(ClientAddress.network("not:an:address:zz")).isEqualTo("not:an:address:zz");
		assertThat(ClientAddress.network("1:2:3:4:5:6:7:8:9")).isEqualTo("1:2:3:4:5:6:7:8:9");
		assertThat(ClientAddress.network("")).isEqualTo("");
	}

}
