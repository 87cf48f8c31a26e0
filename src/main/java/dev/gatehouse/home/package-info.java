/**
 * The pages that compose features: the home page (what the signed-in user may do, the
 * service account's state for administrators), the login page (whether the form is on),
 * and what every page's layout shows of the signed-in user.
 */
package dev.gatehouse.home;
