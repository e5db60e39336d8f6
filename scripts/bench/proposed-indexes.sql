-- Candidate indexes for the admin filter and its facet counts (docs/performance.md), to try with
--   npm run bench -- --only=query --extra-sql=scripts/bench/proposed-indexes.sql
-- before turning them into a drizzle migration. Each filter index keeps (x, created_at, id) as its
-- prefix, so the list stays ordered newest first and keyset pages seek, and carries the other
-- filter columns after it, so that the facet counts (GROUP BY display_status / error_code under
-- the rest of the filter) read index entries only and never look rows up in the table.
DROP INDEX IF EXISTS messages_from_idx;
CREATE INDEX messages_from_idx ON messages (from_number, created_at, id, display_status, error_code);
DROP INDEX IF EXISTS messages_error_code_idx;
CREATE INDEX messages_error_code_idx ON messages (error_code, created_at, id, display_status, from_number);
DROP INDEX IF EXISTS messages_display_status_idx;
CREATE INDEX messages_display_status_idx ON messages (display_status, created_at, id, error_code, from_number);
