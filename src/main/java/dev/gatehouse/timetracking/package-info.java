/**
 * Time tracking (SPEC §6.8): time entries on user stories, their API and the Times page.
 */
package dev.gatehouse.timetracking;
