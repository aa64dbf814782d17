-- Document frequencies of new articles now wait in their stored vectors, above the df_through watermark,
-- until src/db/dedup/doc-freq.ts adds them to term_stats. A database counted before holds every stored
-- vector's stems in term_stats already: the watermark goes above them all.
INSERT OR IGNORE INTO `dedup_counters` (`name`, `value`)
SELECT 'df_through', max(`article_id`) FROM `dedup_articles` HAVING count(*) > 0;
