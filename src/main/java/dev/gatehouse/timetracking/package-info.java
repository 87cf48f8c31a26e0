/**
 * Time tracking (SPEC §6.8): time entries on user stories, their API and the Times page;
 * timers that run on the server (issue 17).
 */
package dev.gatehouse.timetracking;
