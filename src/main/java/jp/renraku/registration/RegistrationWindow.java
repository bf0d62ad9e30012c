package jp.renraku.registration;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;

import jp.renraku.common.BodyDirectory;
import jp.renraku.common.RenrakuProperties;
import org.springframework.stereotype.Component;

/**
 * Whether a list takes registrations today: open, within its operating period, not
 * erased, and its body holds a permit and is not suspended (Art. 6-3: registration
 * paused). The one rule for the registration pages and for the page a stopped person's
 * old link shows, which offers registering again only when it can be done.
 */
@Component
class RegistrationWindow {

	private final BodyDirectory bodies;

	private final RenrakuProperties properties;

	private final Clock clock;

	RegistrationWindow(BodyDirectory bodies, RenrakuProperties properties, Clock clock) {
		this.bodies = bodies;
		this.properties = properties;
		this.clock = clock;
	}

	/** Today in the city's time zone: the day a list's operating period is read for. */
	LocalDate today() {
		return LocalDate.now(clock.withZone(properties.timeZone()));
	}

	/** Whether the list's body is suspended, which pauses its registrations. */
	boolean paused(RegistrationList list) {
		return bodies.suspended(list.bodyId());
	}

	boolean open(RegistrationList list) {
		return why(list).isEmpty();
	}

	/**
	 * Why the list takes no registrations today, the body's reasons first (they close
	 * every list of the body); empty when it takes them.
	 */
	Optional<ListClosure> why(RegistrationList list) {
		if (list.erasedAt() != null) {
			return Optional.of(ListClosure.ERASED);
		}
		if (paused(list)) {
			return Optional.of(ListClosure.SUSPENDED);
		}
		if (!bodies.permitted(list.bodyId())) {
			return Optional.of(ListClosure.NO_PERMIT);
		}
		if (!list.registrationOpen()) {
			return Optional.of(ListClosure.CLOSED);
		}
		if (list.notStartedOn(today())) {
			return Optional.of(ListClosure.NOT_STARTED);
		}
		if (list.endedOn(today())) {
			return Optional.of(ListClosure.ENDED);
		}
		return Optional.empty();
	}

}
