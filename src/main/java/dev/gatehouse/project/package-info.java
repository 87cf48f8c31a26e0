/**
 * Projects and their members: who sees which project, and with which role.
 */
package dev.gatehouse.project;
