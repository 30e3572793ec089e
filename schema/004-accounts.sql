-- 004-accounts.sql - the committee area: accounts, sessions and the
-- one-time setup token. Secrets are never stored as given: passwords as
-- argon2id hashes, session and setup tokens as BLAKE2b hashes.

CREATE TABLE account (
	id          INTEGER PRIMARY KEY,
	name        TEXT NOT NULL UNIQUE,
	role        TEXT NOT NULL CHECK (role IN ('admin', 'viewer')),
	password    TEXT NOT NULL,
	created     INTEGER NOT NULL
) STRICT;

-- A signed-in browser: the hash of its cookie, the per-session CSRF
-- token, an absolute expiry and the last request (for the idle timeout).
CREATE TABLE session (
	token_hash  TEXT PRIMARY KEY,
	account     INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
	csrf        TEXT NOT NULL,
	created     INTEGER NOT NULL,
	last_seen   INTEGER NOT NULL,
	expires     INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX session_by_account ON session (account);

-- At most one setup token, while no account exists.
CREATE TABLE setup_token (
	id          INTEGER PRIMARY KEY CHECK (id = 1),
	token_hash  TEXT NOT NULL,
	created     INTEGER NOT NULL
) STRICT;

PRAGMA user_version = 4;
