/**
 * Staff accounts, roles, password policy, sign-in with lockout per client and two-factor
 * codes, sessions (Art. 3-2-4, 3-2-5, 4-2-2, 8, 11).
 * {@link jp.renraku.account.AccountManagement} is the API.
 */
@ApplicationModule(allowedDependencies = { "audit", "common", "mail", "organization" })
@NullMarked
package jp.renraku.account;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
