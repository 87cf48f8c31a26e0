/**
 * What happens when the server starts: the first administrator on an empty database, and
 * the demo organisation when asked for.
 */
package dev.gatehouse.startup;
