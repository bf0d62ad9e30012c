/**
 * Shared kernel: the signed-in staff identity, roles, the page frame, locale and error
 * handling. Open to every module.
 */
@ApplicationModule(type = ApplicationModule.Type.OPEN)
@NullMarked
package jp.renraku.common;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
