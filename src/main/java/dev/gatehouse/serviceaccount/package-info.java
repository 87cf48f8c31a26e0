/**
 * The service account (SPEC §6): an active administrator bound to one of their personal
 * access tokens. It answers whether it is working and who it is (the reporting read model
 * asks); its state, and the ways to set it (page, API, command line).
 */
package dev.gatehouse.serviceaccount;
