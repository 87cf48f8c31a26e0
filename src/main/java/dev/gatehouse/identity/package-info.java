/**
 * Who is calling: the {@link dev.gatehouse.identity.Caller} that every rule is decided
 * for, and the values it is made of (a user, its kind, roles and permissions). Plain
 * values, so that every feature, the audit log included, can name who acted.
 */
package dev.gatehouse.identity;
