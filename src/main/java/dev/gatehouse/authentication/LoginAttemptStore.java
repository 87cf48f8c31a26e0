package dev.gatehouse.authentication;

import java.time.Duration;

import io.github.bucket4j.Bucket;

/**
 * Where the failed-login limits keep their state: in memory for a single node (H2), in
 * PostgreSQL for several, so that two nodes allow no more guesses than one.
 */
interface LoginAttemptStore {

	/**
	 * The bucket of a key, created full on first use.
	 * @param key {@code address:<address>} or {@code login:<login>}
	 * @param capacity attempts it holds
	 * @param period how long it takes to refill from empty
	 * @return the bucket
	 */
	Bucket bucket(String key, int capacity, Duration period);

	/**
	 * Whether the login signed in lately from the address.
	 * @param signInKey the address and the login
	 * @return {@code true} if it did
	 */
	boolean isKnownSignIn(String signInKey);

	/**
	 * Remembers that the login signed in from the address.
	 * @param signInKey the address and the login
	 * @param lifetime how long to remember it
	 */
	void rememberSignIn(String signInKey, Duration lifetime);

}
