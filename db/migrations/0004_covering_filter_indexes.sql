DROP INDEX `messages_display_status_idx`;--> statement-breakpoint
DROP INDEX `messages_error_code_idx`;--> statement-breakpoint
DROP INDEX `messages_from_idx`;--> statement-breakpoint
CREATE INDEX `messages_display_status_idx` ON `messages` (`display_status`,`created_at`,`id`,`error_code`,`from_number`);--> statement-breakpoint
CREATE INDEX `messages_error_code_idx` ON `messages` (`error_code`,`created_at`,`id`,`display_status`,`from_number`);--> statement-breakpoint
CREATE INDEX `messages_from_idx` ON `messages` (`from_number`,`created_at`,`id`,`display_status`,`error_code`);