-- 0008 emptied dedup's state and 0009 keyed it anew: the articles a database already holds must be indexed
-- again for copies and stories. The task is noted here and carried out by the application when it opens
-- the database (src/db/upgrade.ts), since the dedup step is code, not SQL; a note left by a crash mid-way
-- is carried out at the next open.
CREATE TABLE IF NOT EXISTS `kz_pending_tasks` (`task` text PRIMARY KEY NOT NULL);--> statement-breakpoint
INSERT OR IGNORE INTO `kz_pending_tasks` (`task`) SELECT 'dedup-rebuild' WHERE EXISTS (SELECT 1 FROM `articles`);
