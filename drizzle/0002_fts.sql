-- Full-text index over article titles and bodies; rowid = articles.id.
-- Contentless: the indexed text is the search-folded form (src/db/search-text.ts: case, ё→е, Kazakh letters),
-- not the stored text, so the index keeps no copy of it; contentless_delete lets a revision replace its row.
-- Written only by src/db/queries/fts.ts, inside the article's own transaction.
CREATE VIRTUAL TABLE `articles_fts` USING fts5(
	title,
	body,
	content = '',
	contentless_delete = 1,
	tokenize = 'unicode61 remove_diacritics 2'
);
--> statement-breakpoint
-- ORDER BY rank uses bm25 with a title match worth ten body matches.
INSERT INTO `articles_fts` (`articles_fts`, `rank`) VALUES ('rank', 'bm25(10.0, 1.0)');
