/**
 * Trusted CI identities: a project trusts the short-lived OpenID Connect tokens a CI
 * system issues to its jobs (GitHub Actions, GitLab CI), by issuer, audience and a rule
 * on their claims, so that a job uploads snapshots with its own identity instead of a
 * stored project access token. Here: the identities, checking a job's token against them,
 * and managing them on the API and the project's <i>Access tokens</i> page.
 */
package dev.gatehouse.trustedci;
