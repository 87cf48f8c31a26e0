package dev.gatehouse.settings;

import dev.gatehouse.RepositorySliceSupport;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The organisation's single settings row: the migrations' defaults, and every setting
 * saved and read back.
 */
@Import(JdbcSettingsRepository.class)
class JdbcSettingsRepositoryTests extends RepositorySliceSupport {

	@Autowired
	private JdbcSettingsRepository settings;

	@Test
	void loadWhenFreshlyMigratedThenTheDefaults() {
		// A long-lived external database may hold an administrator's changes.
		assumeTrue(System.getenv("GATEHOUSE_TEST_DB_URL") == null, "the database was migrated for this run");

		assertThat(this.settings.load()).isEqualTo(
				new OrganisationSettings(true, 365, false, OrganisationSettings.DEFAULT_SNAPSHOT_MAX_BYTES, false));
	}

	@Test
	void saveWhenEverySettingChangedThenLoadReadsThemBack() {
		OrganisationSettings changed = new OrganisationSettings(false, 30, true, 1234, true);

		this.settings.save(changed);

		assertThat(this.settings.load()).isEqualTo(changed);
	}

	@Test
	void saveWhenSavedTwiceThenStillOneRow() {
		this.settings.save(new OrganisationSettings(true, 10, false, 99, false));
		this.settings.save(new OrganisationSettings(true, 20, false, 99, false));

		assertThat(this.settings.load().tokenMaxLifetimeDays()).isEqualTo(20);
		assertThat(this.jdbc.sql("select count(*) from organisation_settings").query(Long.class).single()).isEqualTo(1);
	}

}
