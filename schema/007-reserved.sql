-- 007-reserved.sql - a placeholder: number 7 belongs to another branch
-- (invitations). It only moves user_version on, so that 008 applies in
-- order on this branch; drop this file when the real 007 is merged.

PRAGMA user_version = 7;
