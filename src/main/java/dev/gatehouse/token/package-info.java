/**
 * Access tokens: the token format, personal access tokens (issue, authenticate, track,
 * revoke), service tokens derived from the user's credentials, and last-use recording.
 */
package dev.gatehouse.token;
