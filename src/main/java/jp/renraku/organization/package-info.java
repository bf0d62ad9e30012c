/**
 * Bodies (実施機関): the tenants of Renraku, their kind and state (Art. 2, 3, 6).
 * {@link jp.renraku.organization.OrganizationManagement} is the module's API.
 */
@NullMarked
package jp.renraku.organization;

import org.jspecify.annotations.NullMarked;
