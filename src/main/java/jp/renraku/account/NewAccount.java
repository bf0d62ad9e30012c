package jp.renraku.account;

import org.jspecify.annotations.Nullable;

/**
 * The details an administrator types for a new account.
 */
public record NewAccount(String loginId, String displayName, @Nullable String email) {
}
