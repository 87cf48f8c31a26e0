/**
 * Users (including the built-in System user) and roles with their permissions: their
 * administration pages and API, the cached directory the credential checks read, and the
 * event of a user being deactivated.
 */
package dev.gatehouse.user;
