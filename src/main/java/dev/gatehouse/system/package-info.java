/**
 * What the whole server relies on and that depends on nothing else of it: the clock, path
 * matching, scheduling, change notifications between nodes and the caches they keep
 * coherent, and the outcomes every service may report (not found, conflict, invalid or
 * refused request, the text rules behind them).
 */
package dev.gatehouse.system;
