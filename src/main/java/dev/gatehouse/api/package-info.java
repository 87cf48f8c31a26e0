/**
 * The Targetprocess-style REST API v1 conventions shared by every resource: XML by
 * default and JSON on request, collection envelopes, {@code take}/{@code skip},
 * {@code where} and {@code orderBy}, and the error body.
 */
package dev.gatehouse.api;
