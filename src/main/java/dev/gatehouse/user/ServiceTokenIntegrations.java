package dev.gatehouse.user;

/**
 * How many integrations (an address and a client) used a user's service token lately:
 * what a change of their password or login would break. Answered by the token feature.
 */
public interface ServiceTokenIntegrations {

	/**
	 * The integrations that used the user's service token in the last 30 days.
	 * @param userId the user
	 * @return how many distinct address and client pairs
	 */
	int lastThirtyDays(long userId);

}
