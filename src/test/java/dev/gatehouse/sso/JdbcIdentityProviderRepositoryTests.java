package dev.gatehouse.sso;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import dev.gatehouse.RepositorySliceSupport;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DuplicateKeyException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Identity providers and the provider identities linked to users, on both databases: a
 * long discovery document kept whole, one provider per registration id, one user per
 * (issuer, subject), and a removed provider's links kept (the user stays who they are). A
 * second user for an identity is refused.
 */
@Import(JdbcIdentityProviderRepository.class)
class JdbcIdentityProviderRepositoryTests extends RepositorySliceSupport {

	private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

	@Autowired
	private JdbcIdentityProviderRepository providers;

	@Test
	void insertWhenLongDiscoveryDocumentThenReadBackWhole() {
		String metadata = "{\"issuer\": \"https://idp.example.com\", \"padding\": \"" + "x".repeat(20_000) + "\"}";
		long id = this.providers.insert(provider(unique("long"), metadata), NOW);

		IdentityProvider stored = this.providers.findById(id).orElseThrow();

		assertThat(stored.metadata()).isEqualTo(metadata);
		assertThat(stored.encryptedClientSecret()).isEqualTo("eyJ-encrypted");
		assertThat(stored.provisionUsers()).isTrue();
		assertThat(stored.linkByVerifiedEmail()).isFalse();
		assertThat(stored.createDate().truncatedTo(ChronoUnit.SECONDS)).isEqualTo(NOW);
		assertThat(this.providers.findByRegistrationId(stored.registrationId())).contains(stored);
		assertThat(this.providers.registrationIdTaken(stored.registrationId())).isTrue();
	}

	@Test
	void updateWhenChangedThenEverythingButIdentityReplaced() {
		long id = this.providers.insert(provider(unique("changed"), "{}"), NOW);
		IdentityProvider stored = this.providers.findById(id).orElseThrow();
		IdentityProvider changed = new IdentityProvider(id, stored.registrationId(), "Renamed",
				"https://other.example.com", "other-client", "eyJ-other", "{\"issuer\": \"x\"}", true, false,
				new RoleMapping("roles", List.of("admin"), List.of()), true, NOW.plusSeconds(60));

		this.providers.update(changed, NOW.plusSeconds(60));

		assertThat(this.providers.findById(id)).contains(new IdentityProvider(id, stored.registrationId(), "Renamed",
				"https://other.example.com", "other-client", "eyJ-other", "{\"issuer\": \"x\"}", true, false,
				new RoleMapping("roles", List.of("admin"), List.of()), true, stored.createDate()));
	}

	@Test
	void insertWhenRegistrationIdTakenThenRefused() {
		String registrationId = unique("twice");
		this.providers.insert(provider(registrationId, "{}"), NOW);

		assertThatExceptionOfType(DuplicateKeyException.class)
			.isThrownBy(() -> this.providers.insert(provider(registrationId, "{}"), NOW));
	}

	@Test
	void linkWhenSameIdentityTwiceThenRefusedAndFirstUserKept() {
		long providerId = this.providers.insert(provider(unique("link"), "{}"), NOW);
		long first = user(unique("first"), false);
		long second = user(unique("second"), false);
		String subject = unique("subject");
		this.providers.link("https://idp.example.com", subject, first, providerId, NOW);

		assertThat(this.providers.linkedUser("https://idp.example.com", subject)).contains(first);
		assertThat(this.providers.linkedUser("https://other.example.com", subject)).isEmpty();
		// Last: on PostgreSQL the refused statement ends the test's transaction.
		assertThatExceptionOfType(DuplicateKeyException.class)
			.isThrownBy(() -> this.providers.link("https://idp.example.com", subject, second, providerId, NOW));
	}

	@Test
	void deleteWhenProviderHasLinksThenLinksStay() {
		long providerId = this.providers.insert(provider(unique("gone"), "{}"), NOW);
		long user = user(unique("linked"), false);
		String subject = unique("subject");
		this.providers.link("https://gone.example.com", subject, user, providerId, NOW);

		assertThat(this.providers.delete(providerId)).isTrue();

		assertThat(this.providers.findById(providerId)).isEmpty();
		assertThat(this.providers.linkedUser("https://gone.example.com", subject)).contains(user);
	}

	private static IdentityProvider provider(String registrationId, String metadata) {
		return new IdentityProvider(0, registrationId.toLowerCase(), "Provider " + registrationId,
				"https://idp.example.com", "client", "eyJ-encrypted", metadata, false, true, null, false, NOW);
	}

	@Test
	void insertWhenRoleMappingThenReadBackWithItsValuesInOrder() {
		IdentityProvider mapped = new IdentityProvider(0, unique("mapped").toLowerCase(), "Mapped",
				"https://idp.example.com", "client", "eyJ-encrypted", "{}", false, true,
				new RoleMapping("groups", List.of("cn=admins,ou=groups", "gatehouse-admins"), List.of("contractors")),
				true, NOW);

		long id = this.providers.insert(mapped, NOW);

		assertThat(this.providers.findById(id).orElseThrow().configured()).isTrue();
		assertThat(this.providers.findById(id).orElseThrow().roleMapping()).isEqualTo(
				new RoleMapping("groups", List.of("cn=admins,ou=groups", "gatehouse-admins"), List.of("contractors")));
		assertThat(this.providers.findById(this.providers.insert(provider(unique("plain"), "{}"), NOW))
			.orElseThrow()
			.roleMapping()).isNull();
	}

}
