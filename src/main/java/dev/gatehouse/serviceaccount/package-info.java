/**
 * The service account (SPEC §6): an active administrator bound to one of their personal
 * access tokens, whose read-only view makes reports complete for users with restricted
 * access; its state, and the ways to set it (page, API, command line).
 */
package dev.gatehouse.serviceaccount;
