package dev.gatehouse.user;

import dev.gatehouse.identity.Caller;

/**
 * A user was deactivated, published in the transaction that does it, so that what they
 * held (their access tokens) is revoked in the same transaction: an administrator who
 * deactivates someone whose tokens may have leaked must not see those tokens come back on
 * reactivation.
 *
 * @param by who deactivated them
 * @param userId the user
 * @param login their login
 */
public record UserDeactivated(Caller by, long userId, String login) {
}
