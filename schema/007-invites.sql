-- 007-invites.sql - one-time links that let a colleague choose their own
-- password: an invitation makes a new account (role set, account NULL),
-- a reset link gives an existing account a new password (account set,
-- role NULL; it goes with the account). Stored as the BLAKE2b hash of
-- the token, never the token; one pending link per name, the newest.

CREATE TABLE invite (
	token_hash  TEXT PRIMARY KEY,
	name        TEXT NOT NULL UNIQUE,
	role        TEXT CHECK (role IN ('admin', 'viewer')),
	account     INTEGER REFERENCES account (id) ON DELETE CASCADE,
	created     INTEGER NOT NULL,
	expires     INTEGER NOT NULL,
	CHECK ((role IS NULL) <> (account IS NULL))
) STRICT, WITHOUT ROWID;
CREATE INDEX invite_by_account ON invite (account);

PRAGMA user_version = 7;
