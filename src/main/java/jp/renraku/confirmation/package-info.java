/**
 * What recipients send back about a released notice (Art. 5-2): the confirmation link and
 * its answer page with the button's short path and the grouped writer, results and
 * tallies, who a reminder goes to, opening images and replies; the erasure of answers
 * with their registrants. {@link jp.renraku.confirmation.ConfirmationManagement} is the
 * API; the notice module gives the notices through
 * {@link jp.renraku.confirmation.ConfirmableNotices}.
 */
@ApplicationModule(allowedDependencies = { "attachment", "audit", "common", "delivery", "mail", "registration" })
@NullMarked
package jp.renraku.confirmation;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
