-- The lead joins the full-text index (a word only in the lead was not found). Columns: title, body, lead
-- (lead last, so bm25 weights given for title and body keep their places).
-- A contentless FTS5 table cannot gain a column: it is rebuilt and every stored article indexed again.
-- kz_fold is foldForSearch (src/db/search-text.ts), which src/db/client.ts registers on every connection
-- before migrating: the index holds folded text, and a tool without that function cannot run this step.
DROP TABLE `articles_fts`;
--> statement-breakpoint
CREATE VIRTUAL TABLE `articles_fts` USING fts5(
	title,
	body,
	lead,
	content = '',
	contentless_delete = 1,
	tokenize = 'unicode61 remove_diacritics 2'
);
--> statement-breakpoint
-- ORDER BY rank uses bm25 with a title match worth ten body or lead matches.
INSERT INTO `articles_fts` (`articles_fts`, `rank`) VALUES ('rank', 'bm25(10.0, 1.0, 1.0)');
--> statement-breakpoint
INSERT INTO `articles_fts` (`rowid`, `title`, `body`, `lead`)
	SELECT `id`, kz_fold(`title`), kz_fold(`body`), kz_fold(coalesce(`lead`, '')) FROM `articles`;
