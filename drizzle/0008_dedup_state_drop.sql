-- Dedup's state is keyed anew in 0009 (stems by integer key, story vectors as packed blobs, minhash_bands
-- led by a period): it is dropped here and recreated empty, so an existing database needs
-- `kznews dedup --rebuild` once to index its articles again for copies and stories.
DROP TABLE `article_terms`;--> statement-breakpoint
DROP TABLE `dedup_articles`;--> statement-breakpoint
DROP TABLE `minhash_bands`;--> statement-breakpoint
DROP TABLE `term_stats`;