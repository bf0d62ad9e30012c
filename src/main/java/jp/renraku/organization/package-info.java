/**
 * Bodies (実施機関): the tenants of Renraku, their kind and state, usage applications and
 * permits, suspension and sending controls (Art. 2, 3, 6).
 * {@link jp.renraku.organization.OrganizationManagement} is the module's API.
 */
@ApplicationModule(allowedDependencies = { "audit", "common", "delivery", "mail", "scan" })
@NullMarked
package jp.renraku.organization;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
