/**
 * Single sign-on with OpenID Connect: the identity providers an administrator trusts
 * (their client secrets encrypted, their discovery documents stored), the client
 * registrations Spring Security's login reads from them, and which provider identity is
 * which Gatehouse user.
 */
package dev.gatehouse.sso;
