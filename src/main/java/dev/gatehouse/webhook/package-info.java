/**
 * Webhooks: addresses administrators register to receive events (the daily expiry digest)
 * as JSON, signed the Standard Webhooks way, retried with backoff, each delivery logged.
 * Addresses on this machine or the local network are refused unless allowed.
 */
package dev.gatehouse.webhook;
