/**
 * Notices to people: what the server did or saw that concerns them (a token revoked
 * because its old value came back, a token reported as leaked, a token used from a new
 * network), kept in the app and sent by email when SMTP is configured. No notice carries
 * a link: fake "review your token" mails are a phishing lure, so a real one states the
 * facts and nothing to click.
 */
package dev.gatehouse.notice;
