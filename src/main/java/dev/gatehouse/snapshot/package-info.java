/**
 * Analysis snapshots (SPEC §1, §5): uploaded to a project by its administrators or its
 * project access tokens, streamed through a spool file into the database in chunks,
 * listed and downloaded by the project's members.
 */
package dev.gatehouse.snapshot;
