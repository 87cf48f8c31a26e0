package dev.gatehouse.sso;

import java.util.List;

import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Who signed in through an identity provider: the provider's user, and the Gatehouse user
 * it is linked to.
 */
public final class ProviderIdentity extends DefaultOidcUser {

	private static final long serialVersionUID = 1L;

	private final long userId;

	private final String registrationId;

	ProviderIdentity(OidcUser user, long userId, String registrationId) {
		super(List.of(), user.getIdToken(), user.getUserInfo());
		this.userId = userId;
		this.registrationId = registrationId;
	}

	/** The Gatehouse user. */
	public long userId() {
		return this.userId;
	}

	/** The identity provider's registration id. */
	public String registrationId() {
		return this.registrationId;
	}

}
