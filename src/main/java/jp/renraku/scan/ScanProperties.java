package jp.renraku.scan;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where {@code clamd} listens: a Unix socket ({@code renraku.scan.socket}) or TCP
 * ({@code renraku.scan.host} and {@code port}); neither set means uploads are not
 * scanned.
 *
 * @param host clamd's TCP host, with {@code port}
 * @param port clamd's TCP port (3310 is clamd's usual one)
 * @param socket path of clamd's Unix socket; wins over host and port
 * @param timeout how long to wait for connecting and for each reply before the upload is
 * refused
 */
@ConfigurationProperties("renraku.scan")
record ScanProperties(@Nullable String host, @Nullable Integer port, @Nullable String socket,
		@DefaultValue("10s") Duration timeout) {

	boolean configured() {
		return (socket != null && !socket.isBlank()) || (host != null && !host.isBlank() && port != null);
	}

}
