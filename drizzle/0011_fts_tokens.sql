-- The index takes its words as src/db/search-text.ts (searchText) writes them: folded, Latin diacritics
-- off, and every character between words outside ASCII already a space. FTS5's ascii tokenizer then only
-- splits on ASCII spaces and punctuation, at half the cost of unicode61, which looked up every Cyrillic
-- letter's category and case again (the same words either way; query words go through searchText too).
-- A tokenizer is fixed when the table is made: it is made anew and every stored article indexed again.
-- kz_fold is searchText, which src/db/client.ts registers on every connection before migrating.
DROP TABLE `articles_fts`;
--> statement-breakpoint
CREATE VIRTUAL TABLE `articles_fts` USING fts5(
	title,
	body,
	lead,
	content = '',
	contentless_delete = 1,
	tokenize = 'ascii'
);
--> statement-breakpoint
-- ORDER BY rank uses bm25 with a title match worth ten body or lead matches.
INSERT INTO `articles_fts` (`articles_fts`, `rank`) VALUES ('rank', 'bm25(10.0, 1.0, 1.0)');
--> statement-breakpoint
INSERT INTO `articles_fts` (`rowid`, `title`, `body`, `lead`)
	SELECT `id`, kz_fold(`title`), kz_fold(`body`), kz_fold(coalesce(`lead`, '')) FROM `articles`;
