package jp.renraku;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Renraku: an opt-in information liaison mail service shared by a city's public bodies.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class RenrakuApplication {

	public static void main(String[] args) {
		SpringApplication.run(RenrakuApplication.class, args);
	}

}
