-- 008-reserved.sql - a placeholder: number 8 belongs to another branch
-- (migration 008). It only moves user_version on, so that 009 applies in
-- order on this branch; drop this file when the real 008 is merged.

PRAGMA user_version = 8;
