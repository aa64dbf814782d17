PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_minhash_bands` (
	`band` integer NOT NULL,
	`bucket` integer NOT NULL,
	`day` integer NOT NULL,
	`article_id` integer NOT NULL,
	PRIMARY KEY(`band`, `bucket`, `day`, `article_id`),
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
INSERT INTO `__new_minhash_bands`("band", "bucket", "day", "article_id") SELECT "band", "bucket", "day", "article_id" FROM `minhash_bands`;--> statement-breakpoint
DROP TABLE `minhash_bands`;--> statement-breakpoint
ALTER TABLE `__new_minhash_bands` RENAME TO `minhash_bands`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `minhash_bands_article_idx` ON `minhash_bands` (`article_id`);