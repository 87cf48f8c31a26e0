package dev.gatehouse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A whole Gatehouse server started by a test beside the shared test server, on a database
 * the test chooses: another node of a cluster, or a node whose database the test takes
 * away.
 */
public final class TestNode implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private final int port;

	private TestNode(ConfigurableApplicationContext context) {
		this.context = context;
		this.port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
	}

	/**
	 * Starts a node.
	 * @param properties the database and anything else the test sets, by property name
	 * @return the running node
	 */
	public static TestNode start(Map<String, String> properties) {
		List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--spring.threads.virtual.enabled=false",
				"--gatehouse.admin-password=" + IntegrationTestSupport.ADMIN_PASSWORD,
				"--server.forward-headers-strategy=native",
				"--gatehouse.snapshots.spool-directory=" + IntegrationTestSupport.SPOOL_DIRECTORY));
		properties.forEach((name, value) -> arguments.add("--" + name + "=" + value));
		return new TestNode(
				new SpringApplicationBuilder(GatehouseApplication.class).run(arguments.toArray(String[]::new)));
	}

	public int port() {
		return this.port;
	}

	/**
	 * A client with no credentials, talking to this node.
	 * @return the client
	 */
	public ApiClient anonymous() {
		return new ApiClient(this.port);
	}

	/**
	 * A client with the administrator's Basic credentials, talking to this node.
	 * @return the client
	 */
	public ApiClient admin() {
		return anonymous().basic("admin", IntegrationTestSupport.ADMIN_PASSWORD);
	}

	public ConfigurableApplicationContext context() {
		return this.context;
	}

	@Override
	public void close() {
		this.context.close();
	}

}
