package dev.alphabets.consumer;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * A data source that can be switched off, to simulate a database outage in front of a
 * real database.
 */
public class SwitchableDataSource extends DelegatingDataSource {

	private volatile boolean down;

	SwitchableDataSource(DataSource target) {
		super(target);
	}

	public void down() {
		this.down = true;
	}

	public void up() {
		this.down = false;
	}

	@Override
	public Connection getConnection() throws SQLException {
		checkUp();
		return super.getConnection();
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		checkUp();
		return super.getConnection(username, password);
	}

	private void checkUp() throws SQLTransientConnectionException {
		if (this.down) {
			throw new SQLTransientConnectionException("Database switched off by the test");
		}
	}

}
