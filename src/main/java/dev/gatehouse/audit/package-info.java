/**
 * The audit log: who did what to whom, when and from where, including every refusal of a
 * credential and its reason (SPEC §8).
 */
package dev.gatehouse.audit;
