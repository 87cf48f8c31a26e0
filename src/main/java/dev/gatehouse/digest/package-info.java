/**
 * The daily expiry digest: one message a day per person instead of one per token, to the
 * owners of tokens about to expire, the administrators of their projects, the
 * administrators (the service account's token always among them), and every webhook. It
 * runs once across nodes.
 */
package dev.gatehouse.digest;
