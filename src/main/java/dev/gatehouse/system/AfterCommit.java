package dev.gatehouse.system;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs what must wait for the current transaction to commit (a notification, a mail, a
 * webhook post), or at once outside a transaction; nothing if it rolls back.
 */
public final class AfterCommit {

	private AfterCommit() {
	}

	/**
	 * Runs the action once the current transaction commits, or now if there is none.
	 * @param action what to run
	 */
	public static void run(Runnable action) {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				@Override
				public void afterCommit() {
					action.run();
				}

			});
		}
		else {
			action.run();
		}
	}

}
