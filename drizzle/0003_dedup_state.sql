CREATE TABLE `dedup_articles` (
	`article_id` integer PRIMARY KEY NOT NULL,
	`source_id` text NOT NULL,
	`day` integer NOT NULL,
	`title_hash` text NOT NULL,
	`vector` text NOT NULL,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `dedup_articles_title_idx` ON `dedup_articles` (`source_id`,`title_hash`);--> statement-breakpoint
CREATE TABLE `dedup_counters` (
	`name` text PRIMARY KEY NOT NULL,
	`value` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `site_boilerplate` (
	`source_id` text NOT NULL,
	`paragraph_id` integer NOT NULL,
	PRIMARY KEY(`paragraph_id`, `source_id`),
	FOREIGN KEY (`paragraph_id`) REFERENCES `paragraphs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
DROP INDEX `article_terms_term_idx`;--> statement-breakpoint
ALTER TABLE `article_terms` ADD `day` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `article_terms_term_day_idx` ON `article_terms` (`term`,`day`);--> statement-breakpoint
ALTER TABLE `minhash_bands` ADD `day` integer DEFAULT 0 NOT NULL;