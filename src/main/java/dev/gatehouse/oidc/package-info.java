/**
 * OpenID Connect plumbing shared by single sign-on and trusted CI identities: reading and
 * checking an issuer's discovery document, and which issuer URLs an administrator may
 * trust.
 */
package dev.gatehouse.oidc;
