package jp.renraku.common;

import java.net.URI;
import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * City-wide settings shared by every module.
 *
 * @param baseUrl public address of this installation, used in links inside e-mails
 * @param timeZone the city's time zone: dates people type and read are in this zone
 */
@Validated
@ConfigurationProperties("renraku")
public record RenrakuProperties(@DefaultValue("http://localhost:8080") URI baseUrl,
		@DefaultValue("Asia/Tokyo") ZoneId timeZone) {
}
