/**
 * Budgets (SPEC §1): hours planned for a project or a user story, against the time
 * tracked on it; managed by administrators.
 */
package dev.gatehouse.budget;
