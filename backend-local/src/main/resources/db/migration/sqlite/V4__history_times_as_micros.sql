-- History rows written several to a statement (a transaction that wrote more than one resource
-- version) stored created_at as text ('2026-03-01 00:00:00.123456+00:00', always UTC) instead
-- of microseconds since the epoch, because that insert bound the values before the column's
-- converter. Text sorts after every integer in SQLite, so prune never removed those rows.
-- This turns each such value into the microseconds it names.
UPDATE api_resource_versions
SET created_at =
    CAST(strftime('%s', substr(created_at, 1, 19)) AS INTEGER) * 1000000
    + CASE
        WHEN substr(created_at, 20, 1) = '.'
        THEN CAST(substr(substr(created_at, 21, instr(substr(created_at, 21), '+') - 1)
                         || '000000', 1, 6) AS INTEGER)
        ELSE 0
      END
WHERE typeof(created_at) = 'text';
