package dev.gatehouse.system;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

import org.springframework.transaction.TransactionSystemException;

/**
 * Tells a failure because the database cannot be reached (stopped, restarting, the
 * network gone, no connection free in time) from any other: the first is answered 503
 * with {@code Retry-After}, since trying again shortly will work; the second stays a
 * server error. Either way nothing is accepted that the database did not confirm.
 */
public final class DatabaseOutage {

	/** What a client is told, in every format. */
	public static final String MESSAGE = "The database is unreachable for the moment; try again in a few seconds";

	/** Seconds a client is asked to wait ({@code Retry-After}). */
	public static final int RETRY_AFTER_SECONDS = 5;

	private static final int MAX_DEPTH = 20;

	private DatabaseOutage() {
	}

	/**
	 * Whether the failure, or any of its causes, says the database cannot be reached.
	 * @param failure what was thrown
	 * @return {@code true} for an outage
	 */
	public static boolean causedBy(Throwable failure) {
		Throwable cause = failure;
		// Bounded: a cause chain that loops back is no outage.
		for (int depth = 0; cause != null && depth < MAX_DEPTH; depth++) {
			// A rollback that failed too hides the failure that caused it.
			if (cause instanceof TransactionSystemException rollback && rollback.getApplicationException() != null
					&& causedBy(rollback.getApplicationException())) {
				return true;
			}
			// By the driver's or the pool's own exception, not Spring's translation: that
			// also calls a statement too complex for the database a resource failure.
			if (cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException
					|| cause instanceof SQLRecoverableException
					|| (cause instanceof SQLException sql && isUnreachable(sql))) {
				return true;
			}
			cause = (cause.getCause() != cause) ? cause.getCause() : null;
		}
		return false;
	}

	/**
	 * Whether the database said, by its SQL state, that it cannot be reached: a
	 * connection failure (class 08), an operator's intervention such as a shutdown or a
	 * start in progress (57P), or no connection slot left (53300).
	 * @param failure what the driver or the pool threw
	 * @return {@code true} for an outage
	 */
	public static boolean isUnreachable(SQLException failure) {
		String state = failure.getSQLState();
		return state != null && (state.startsWith("08") || state.startsWith("57P") || state.equals("53300"));
	}

}
