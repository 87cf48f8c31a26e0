/**
 * What the whole server relies on: the clock, path matching, and what happens at start
 * (the first administrator, the demo organisation).
 */
package dev.gatehouse.system;
