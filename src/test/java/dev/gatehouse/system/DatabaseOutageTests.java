package dev.gatehouse.system;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import jakarta.servlet.ServletException;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which failures are an unreachable database (503, try again) and which are not.
 */
class DatabaseOutageTests {

	@Test
	void causedByWhenThePoolFoundNoConnectionThenTrue() {
		SQLException refused = new SQLException("Connection to 127.0.0.1:5432 refused", "08001",
				new ConnectException());
		assertThat(DatabaseOutage
			.causedBy(new ServletException(new CannotCreateTransactionException("Could not open JDBC Connection",
					new SQLTransientConnectionException("request timed out after 3000ms", "08001", refused)))))
			.isTrue();
	}

	@Test
	void causedByWhenTheServerShutsDownUnderAQueryThenTrue() {
		assertThat(DatabaseOutage.causedBy(new DataAccessResourceFailureException("select",
				new SQLException("terminating connection due to administrator command", "57P01"))))
			.isTrue();
	}

	@Test
	void causedByWhenTheRollbackFailedTooThenTheFirstFailureDecides() {
		TransactionSystemException rollback = new TransactionSystemException("JDBC rollback failed",
				new SQLException("Connection is closed"));
		rollback.initApplicationException(new DataAccessResourceFailureException("select",
				new SQLException("terminating connection due to administrator command", "57P01")));

		assertThat(DatabaseOutage.causedBy(new ServletException(rollback))).isTrue();
	}

	@Test
	void causedByWhenAConstraintOrABugThenFalse() {
		assertThat(DatabaseOutage.causedBy(
				new DataIntegrityViolationException("duplicate key", new SQLException("duplicate key value", "23505"))))
			.isFalse();
		assertThat(DatabaseOutage.causedBy(new IllegalStateException("a bug"))).isFalse();
		assertThat(DatabaseOutage.causedBy(new TransactionSystemException("commit failed"))).isFalse();
	}

	@Test
	void causedByWhenTheStatementIsTooComplexThenFalseThoughSpringCallsItAResourceFailure() {
		assertThat(DatabaseOutage.causedBy(new DataAccessResourceFailureException("select",
				new SQLException("stack depth limit exceeded", "54001"))))
			.isFalse();
	}

	@Test
	void causedByWhenTheCausesLoopThenFalseAndNoHang() {
		IllegalStateException first = new IllegalStateException("first");
		IllegalStateException second = new IllegalStateException("second", first);
		first.initCause(second);

		assertThat(DatabaseOutage.causedBy(first)).isFalse();
	}

}
