/**
 * The Targetprocess-style REST API v1 conventions shared by every resource: XML by
 * default and JSON on request, collection envelopes and references, binding
 * {@code take}/{@code skip}/{@code where}/{@code orderBy} to a collection request, the
 * request body limit, the OpenAPI description, and the error body every failure becomes.
 */
package dev.gatehouse.api;
