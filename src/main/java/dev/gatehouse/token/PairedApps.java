package dev.gatehouse.token;

import java.util.Map;

/**
 * Which of a user's personal access tokens went to an app paired through the device
 * grant, for "My access tokens" (issue 17). Implemented by the pairing feature, which
 * depends on tokens, not the other way.
 */
public interface PairedApps {

	/**
	 * @param userId the owner
	 * @return token id to what the app and device are called, e.g.
	 * {@code timer.py on laptop}
	 */
	Map<Long, String> pairedApps(long userId);

}
