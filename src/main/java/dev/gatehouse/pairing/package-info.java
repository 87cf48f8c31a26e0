/**
 * Pairing a desktop or command-line app with the OAuth 2.0 Device Authorization Grant
 * (RFC 8628): the app asks for a code, the user approves it on the pairing page, the app
 * collects a personal access token named after the device. Published through OAuth 2.0
 * Authorization Server Metadata (RFC 8414).
 */
package dev.gatehouse.pairing;
