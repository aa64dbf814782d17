CREATE TABLE `article_terms` (
	`article_id` integer NOT NULL,
	`term` integer NOT NULL,
	`day` integer NOT NULL,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `article_terms_term_day_idx` ON `article_terms` (`term`,`day`,`article_id`);--> statement-breakpoint
CREATE INDEX `article_terms_article_idx` ON `article_terms` (`article_id`);--> statement-breakpoint
CREATE TABLE `dedup_articles` (
	`article_id` integer PRIMARY KEY NOT NULL,
	`source_id` text NOT NULL,
	`day` integer NOT NULL,
	`title_hash` text NOT NULL,
	`vector` blob NOT NULL,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `dedup_articles_title_idx` ON `dedup_articles` (`source_id`,`title_hash`);--> statement-breakpoint
CREATE TABLE `minhash_bands` (
	`period` integer NOT NULL,
	`band` integer NOT NULL,
	`bucket` integer NOT NULL,
	`day` integer NOT NULL,
	`article_id` integer NOT NULL,
	PRIMARY KEY(`period`, `band`, `bucket`, `day`, `article_id`),
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `minhash_bands_article_idx` ON `minhash_bands` (`article_id`);--> statement-breakpoint
CREATE TABLE `term_stats` (
	`term` integer PRIMARY KEY NOT NULL,
	`doc_count` integer DEFAULT 0 NOT NULL
);
