package dev.gatehouse.system;

import java.util.ArrayList;
import java.util.List;

import dev.gatehouse.system.ChangeNotifications.Topic;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node's notifications as the database carries them: another node's change is
 * delivered, this node's own echo is not (it delivered it itself after commit), and a
 * payload without a node, as older nodes send it, is delivered.
 */
class ChangeNotificationsTests {

	private final ChangeNotifications notifications = new ChangeNotifications(null, null);

	private final List<Long> delivered = new ArrayList<>();

	ChangeNotificationsTests() {
		this.notifications.subscribe(Topic.TOKEN, this.delivered::add);
	}

	@Test
	void receiveWhenAnotherNodesChangeThenDelivered() {
		this.notifications.receive("TOKEN:7:another-node");

		assertThat(this.delivered).containsExactly(7L);
	}

	@Test
	void receiveWhenItsOwnEchoThenNotDeliveredAgain() {
		this.notifications.receive(this.notifications.payload(Topic.TOKEN, 7));

		assertThat(this.delivered).isEmpty();
	}

	@Test
	void receiveWhenNoNodeNamedOrMalformedThenDeliveredOrIgnored() {
		this.notifications.receive("TOKEN:8");
		this.notifications.receive("NOT_A_TOPIC:9:x");
		this.notifications.receive("garbage");

		assertThat(this.delivered).containsExactly(8L);
	}

}
