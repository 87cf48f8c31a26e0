/**
 * The token pages: <i>My access tokens</i> (create, list, delete), the administrators'
 * list of every user's tokens, and a project's access-token table for its administrators.
 */
package dev.gatehouse.token.page;
