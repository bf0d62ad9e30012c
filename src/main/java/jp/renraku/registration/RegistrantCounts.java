package jp.renraku.registration;

/**
 * How many registrants a list has in each state, 0 when none: named fields rather than a
 * map keyed by {@link RegistrantState}, which a template indexes with a string and then
 * reads {@code null} (issue 16).
 *
 * @param active those who receive the list's mail
 * @param pending those waiting for an operations manager's approval
 */
record RegistrantCounts(long active, long pending) {
}
