/**
 * Work a migration leaves to the application: a migration is SQL, but re-indexing stored articles for
 * duplicates and stories runs the dedup step, which is code. Migrations note such tasks in
 * kz_pending_tasks (drizzle/0010); they are carried out here when the database is opened, and the note is
 * removed only once the task has committed, so a crash mid-way means it runs again at the next open.
 */
import { rebuildDedup } from './dedup-store.js';
import type { KzDb } from './types.js';

export interface UpgradeReport {
  task: string;
  message: string;
}

/**
 * Carries out the tasks migrations left, telling `report` before and after each (it may take minutes).
 * Called once the migrations are applied, so kz_pending_tasks exists.
 */
export function finishUpgrade(kz: KzDb, report: (r: UpgradeReport) => void): void {
  const tasks = kz.sqlite.prepare('SELECT task FROM kz_pending_tasks ORDER BY task').pluck().all() as string[];
  for (const task of tasks) {
    if (task !== 'dedup-rebuild') throw new Error(`unknown pending task "${task}" in kz_pending_tasks: upgrade kznews`);
    const articles = kz.sqlite.prepare('SELECT count(*) FROM articles').pluck().get() as number;
    report({ task, message: `re-indexing ${articles} stored articles for duplicates and stories (once, after an upgrade)…` });
    const result = rebuildDedup(kz);
    kz.sqlite.prepare('DELETE FROM kz_pending_tasks WHERE task = ?').run(task);
    report({ task, message: `re-indexed ${result.articles} articles: ${result.duplicates} duplicates, ${result.stories} stories` });
  }
}
