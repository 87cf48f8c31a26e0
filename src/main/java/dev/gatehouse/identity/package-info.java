/**
 * Who is who: users (including the built-in System user), roles with their permissions,
 * and the {@link dev.gatehouse.identity.Caller} that every rule is decided for.
 */
package dev.gatehouse.identity;
