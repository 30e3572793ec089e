-- 008-signin.sql - failed sign-ins of known accounts, per client: what
-- the sign-in throttle's delays and hourly cap are worked out from. Kept
-- here, not in memory, so that attempts with made-up names (which never
-- get a row) cannot push a real account's count out, a restart does not
-- reset it, and `sigsurvey user unlock NAME` can clear it. The client is
-- a keyed hash of its address (key: the secret 'signin'), never the
-- address itself.

CREATE TABLE signin_failure (
	account     INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
	client      BLOB NOT NULL,
	failures    INTEGER NOT NULL,   -- since this client's last success
	last        INTEGER NOT NULL,   -- time of the last failure
	hour        INTEGER NOT NULL,   -- start of the hour counted in recent
	recent      INTEGER NOT NULL,   -- failures in that hour
	PRIMARY KEY (account, client)
) STRICT, WITHOUT ROWID;

PRAGMA user_version = 8;
