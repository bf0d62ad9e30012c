/**
 * Lists and their usage rules (Art. 7), residents' self-registration with double opt-in,
 * registrants' own control, the operations manager's registrant work (Art. 4-2-3), import
 * and export (Art. 10), retention and erasure (Art. 9).
 * {@link jp.renraku.registration.RegistrationManagement} is the module's API.
 */
@ApplicationModule(allowedDependencies = { "account", "audit", "common", "delivery", "mail", "scan" })
@NullMarked
package jp.renraku.registration;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
