CREATE TABLE `article_paragraphs` (
	`article_id` integer NOT NULL,
	`position` integer NOT NULL,
	`paragraph_id` integer NOT NULL,
	`role` text DEFAULT 'body' NOT NULL,
	PRIMARY KEY(`article_id`, `position`),
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`paragraph_id`) REFERENCES `paragraphs`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `article_paragraphs_paragraph_idx` ON `article_paragraphs` (`paragraph_id`);--> statement-breakpoint
CREATE TABLE `article_terms` (
	`article_id` integer NOT NULL,
	`term` text NOT NULL,
	`tf` real NOT NULL,
	PRIMARY KEY(`article_id`, `term`),
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `article_terms_term_idx` ON `article_terms` (`term`);--> statement-breakpoint
CREATE TABLE `articles` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source_id` text NOT NULL,
	`url` text NOT NULL,
	`title` text NOT NULL,
	`lead` text,
	`body` text NOT NULL,
	`language` text,
	`author` text,
	`tags` text DEFAULT '[]' NOT NULL,
	`images` text DEFAULT '[]' NOT NULL,
	`published_at` text,
	`updated_at` text,
	`first_seen_at` text NOT NULL,
	`last_seen_at` text NOT NULL,
	`fetched_at` text NOT NULL,
	`content_hash` text NOT NULL,
	`fingerprint` text,
	`duplicate_of` integer,
	`story_id` integer,
	`revision` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`story_id`) REFERENCES `stories`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `articles_url_unique` ON `articles` (`url`);--> statement-breakpoint
CREATE INDEX `articles_source_published_idx` ON `articles` (`source_id`,`published_at`);--> statement-breakpoint
CREATE INDEX `articles_published_idx` ON `articles` (`published_at`);--> statement-breakpoint
CREATE INDEX `articles_content_hash_idx` ON `articles` (`content_hash`);--> statement-breakpoint
CREATE INDEX `articles_duplicate_of_idx` ON `articles` (`duplicate_of`);--> statement-breakpoint
CREATE INDEX `articles_story_idx` ON `articles` (`story_id`);--> statement-breakpoint
CREATE TABLE `crawl_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source_id` text,
	`trigger` text NOT NULL,
	`started_at` text NOT NULL,
	`finished_at` text,
	`status` text DEFAULT 'running' NOT NULL,
	`discovered` integer DEFAULT 0 NOT NULL,
	`stored` integer DEFAULT 0 NOT NULL,
	`updated` integer DEFAULT 0 NOT NULL,
	`unchanged` integer DEFAULT 0 NOT NULL,
	`duplicates` integer DEFAULT 0 NOT NULL,
	`failed` integer DEFAULT 0 NOT NULL,
	`error` text
);
--> statement-breakpoint
CREATE INDEX `crawl_runs_source_idx` ON `crawl_runs` (`source_id`,`started_at`);--> statement-breakpoint
CREATE TABLE `fetches` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`url` text NOT NULL,
	`final_url` text,
	`source_id` text,
	`status` integer,
	`bytes` integer,
	`duration_ms` integer,
	`renderer` text,
	`outcome` text NOT NULL,
	`error_kind` text,
	`error` text,
	`etag` text,
	`last_modified` text,
	`article_id` integer,
	`crawl_run_id` integer,
	`fetched_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `fetches_url_idx` ON `fetches` (`url`,`fetched_at`);--> statement-breakpoint
CREATE INDEX `fetches_source_idx` ON `fetches` (`source_id`,`fetched_at`);--> statement-breakpoint
CREATE TABLE `minhash_bands` (
	`band` integer NOT NULL,
	`bucket` text NOT NULL,
	`article_id` integer NOT NULL,
	PRIMARY KEY(`band`, `bucket`, `article_id`),
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `minhash_bands_article_idx` ON `minhash_bands` (`article_id`);--> statement-breakpoint
CREATE TABLE `paragraph_sources` (
	`paragraph_id` integer NOT NULL,
	`source_id` text NOT NULL,
	`article_count` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`paragraph_id`, `source_id`),
	FOREIGN KEY (`paragraph_id`) REFERENCES `paragraphs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `paragraphs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`hash` text NOT NULL,
	`text` text NOT NULL,
	`article_count` integer DEFAULT 0 NOT NULL,
	`source_count` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `paragraphs_hash_unique` ON `paragraphs` (`hash`);--> statement-breakpoint
CREATE TABLE `raw_pages` (
	`article_id` integer PRIMARY KEY NOT NULL,
	`url` text NOT NULL,
	`encoding` text NOT NULL,
	`html` blob NOT NULL,
	`renderer` text NOT NULL,
	`fetched_at` text NOT NULL,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `sources` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`base_url` text NOT NULL,
	`languages` text DEFAULT '[]' NOT NULL,
	`renderer` text DEFAULT 'http' NOT NULL,
	`cron` text NOT NULL,
	`timezone` text DEFAULT 'Asia/Almaty' NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `stories` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`title` text NOT NULL,
	`first_published_at` text,
	`last_published_at` text,
	`article_count` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `term_stats` (
	`term` text PRIMARY KEY NOT NULL,
	`doc_count` integer DEFAULT 0 NOT NULL
);
