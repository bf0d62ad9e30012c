/**
 * Mail out: the SMTP connection to the city's relay and, on the embedded defaults, a
 * built-in development mail catcher with an outbox page. The bulk delivery engine will
 * live here too.
 */
@NullMarked
package jp.renraku.delivery;

import org.jspecify.annotations.NullMarked;
