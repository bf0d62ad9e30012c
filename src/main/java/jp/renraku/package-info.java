/**
 * Renraku application root. Each sub-package is one application module.
 */
@NullMarked
package jp.renraku;

import org.jspecify.annotations.NullMarked;
