/**
 * Who is calling: the Spring Security configuration (an API chain and a page chain), the
 * credential converters and providers, failed-login rate limiting, and the 401/403
 * answers.
 */
package dev.gatehouse.authentication;
