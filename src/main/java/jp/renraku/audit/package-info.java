/**
 * Append-only, hash-chained audit trail of sign-ins, account and body changes and every
 * change to body data (Art. 10, 11, 12). Other modules call
 * {@link jp.renraku.audit.AuditTrail}.
 */
@ApplicationModule(allowedDependencies = { "common" })
@NullMarked
package jp.renraku.audit;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
