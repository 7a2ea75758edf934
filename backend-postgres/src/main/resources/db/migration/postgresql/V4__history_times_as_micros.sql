-- Nothing to change on PostgreSQL: SQLite's V4 repairs history timestamps stored as text, which
-- a timestamptz column never held. Kept so that both backends number their migrations alike.
SELECT 1;
