package dev.gatehouse.serviceaccount;

/**
 * The service account's state as of now.
 *
 * @param state the state
 * @param message what it means, and what to do
 * @param daysLeft days until the token's last day (0 on its last day), or {@code null}
 * @param userId the account, or {@code null} when none is configured
 * @param login that account's login, or {@code null}
 * @param tokenId the bound token, or {@code null}
 */
public record ServiceAccountStatus(ServiceAccountState state, String message, Long daysLeft, Long userId, String login,
		Long tokenId) {

	static ServiceAccountStatus notConfigured() {
		return new ServiceAccountStatus(ServiceAccountState.NOT_CONFIGURED, ServiceAccountState.NOT_CONFIGURED.advice(),
				null, null, null, null);
	}

}
