#!/usr/bin/env node
/**
 * The one entry point: worker | crawl | query | show | stats | sources | extract | migrate | reextract | dedup | status.
 * Errors are one line on stderr (the stack only with --verbose) and a non-zero exit code.
 * Commands are imported when they run: `kznews query` should not pay for loading Playwright and BullMQ.
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import { UsageError } from './errors.js';
import type { CommandContext } from './commands/context.js';

const positiveInt = (name: string) => (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${name} must be a whole number ≥ 1`);
  return n;
};

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

let verbose = false;

function print(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

/** Runs a command with a context that is always closed, whatever happens. */
async function withContext<T>(fn: (ctx: CommandContext) => Promise<T> | T): Promise<T> {
  const { createContext } = await import('./commands/context.js');
  const ctx = createContext();
  try {
    return await fn(ctx);
  } finally {
    ctx.close();
  }
}

const program = new Command()
  .name('kznews')
  .description('Collects the news of Kazakhstan, removes what repeats, and stores clean, searchable records.')
  .option('-v, --verbose', 'show stack traces on errors')
  .hook('preAction', (cmd) => {
    verbose = Boolean(cmd.opts<{ verbose?: boolean }>().verbose);
  })
  .showHelpAfterError();

program
  .command('crawl')
  .description('fetch, extract, clean and store articles in-process (no Redis needed), or enqueue them with --queue')
  .argument('[urls...]', 'article URLs to crawl')
  .option('-s, --source <ids>', 'crawl these sources through discovery (comma-separated or repeated)', collect)
  .option('-a, --all', 'crawl every enabled source')
  .option('--since <date>', 'backfill: page back through listings to this date (YYYY-MM-DD)')
  .option('--max <n>', 'at most this many articles per source', positiveInt('--max'))
  .option('--max-pages <n>', 'at most this many listing/sitemap pages per source', positiveInt('--max-pages'))
  .option('-n, --dry-run', 'print the extracted records (JSON lines) instead of storing them')
  .option('--force', 'fetch without a conditional GET')
  .option('--record <dir>', 'save every response fetched into DIR')
  .option('--replay <dir>', 'answer every fetch from DIR (a recording) instead of the network')
  .option('--connect-to <host=origin>', 'send requests for a host to another origin (repeatable)', collect)
  .option('-c, --concurrency <n>', 'pages in flight at once (per-host politeness still applies)', positiveInt('--concurrency'))
  .option('-q, --queue', 'enqueue into a running daemon (kznews worker) instead of crawling here')
  .action(async (urls: string[], opts) => {
    await withContext(async (ctx) => {
      if (opts.queue) {
        const { enqueueCommand } = await import('./commands/daemon.js');
        print(await enqueueCommand(ctx, urls, opts));
        return;
      }
      const { crawlCommand, summaryLine } = await import('./commands/crawl.js');
      const result = await crawlCommand(ctx, urls, opts);
      for (const url of result.replayMisses) process.stderr.write(`not in the recording: ${url}\n`);
      if (!opts.dryRun) process.stderr.write(`${summaryLine(result)}\n`);
      if (result.attempted > 0 && result.counts.failed === result.attempted) process.exitCode = 1;
    });
  });

program
  .command('extract')
  .description('run extraction on one saved HTML file or URL and print the record, storing nothing')
  .argument('<file-or-url>')
  .option('--url <url>', 'the URL the saved file was fetched from (picks the site adapter, resolves links)')
  .option('--source <id>', 'use this source adapter')
  .option('--json', 'print one JSON object')
  .option('--connect-to <host=origin>', 'send requests for a host to another origin (repeatable)', collect)
  .action(async (target: string, opts) => {
    await withContext(async (ctx) => {
      const { extractCommand, renderRecord } = await import('./commands/extract.js');
      const record = await extractCommand(ctx, target, opts);
      print(opts.json ? JSON.stringify(record, null, 2) : renderRecord(record));
    });
  });

program
  .command('query')
  .description('full-text search (ranked), or the newest articles without words')
  .argument('[words...]')
  .option('--source <id>', 'only this source')
  .option('--since <date>', 'published on or after (YYYY-MM-DD or ISO)')
  .option('--until <date>', 'published before (YYYY-MM-DD or ISO)')
  .option('--lang <code>', 'ru, kk or en')
  .option('--limit <n>', 'at most this many rows (default 20)', positiveInt('--limit'))
  .addOption(new Option('--format <format>', 'output format').choices(['table', 'json', 'jsonl', 'csv']).default('table'))
  .option('--dedup', 'one article per story, copies hidden')
  .action(async (words: string[], opts) => {
    const { queryCommand } = await import('./commands/query.js');
    await withContext((ctx) => print(queryCommand(ctx, words, opts)));
  });

program
  .command('show')
  .description('one article in full, with its copies and its story')
  .argument('<id-or-url>')
  .option('--json', 'print JSON')
  .action(async (ref: string, opts) => {
    const { showCommand } = await import('./commands/query.js');
    await withContext((ctx) => print(showCommand(ctx, ref, opts)));
  });

program
  .command('stats')
  .description('counts by source and by day, duplicates and stories')
  .option('--json', 'print JSON')
  .action(async (opts) => {
    const { statsCommand } = await import('./commands/info.js');
    await withContext((ctx) => print(statsCommand(ctx, opts)));
  });

program
  .command('sources')
  .description('the configured sources with their renderer, schedule and counts')
  .option('--json', 'print JSON')
  .action(async (opts) => {
    const { sourcesCommand } = await import('./commands/info.js');
    await withContext((ctx) => print(sourcesCommand(ctx, opts)));
  });

program
  .command('migrate')
  .description('create or upgrade the database (also done whenever it is opened)')
  .action(async () => {
    const { migrateCommand } = await import('./commands/info.js');
    await withContext((ctx) => print(migrateCommand(ctx)));
  });

program
  .command('reextract')
  .description('re-run extraction on the stored raw HTML, without fetching again')
  .option('--source <id>', 'only this source')
  .action(async (opts) => {
    const { reextractCommand } = await import('./commands/maintenance.js');
    await withContext(async (ctx) => print(await reextractCommand(ctx, opts)));
  });

program
  .command('dedup')
  .description('deduplication maintenance')
  .option('--rebuild', 'recompute fingerprints, copies and stories for the whole database')
  .action(async (opts) => {
    const { dedupCommand } = await import('./commands/maintenance.js');
    await withContext(async (ctx) => print(await dedupCommand(ctx, opts)));
  });

program
  .command('worker')
  .description('the daemon: crawl every enabled source on its schedule (needs Redis)')
  .option('-c, --concurrency <n>', 'article jobs at once in this process', positiveInt('--concurrency'))
  .option('--sources <ids>', 'only these sources (comma-separated)')
  .option('--port <port>', 'health and metrics port (default HEALTH_PORT or 9464; 0 turns it off)')
  .action(async (opts) => {
    const [{ workerCommand }, { createContext }] = await Promise.all([import('./commands/daemon.js'), import('./commands/context.js')]);
    await workerCommand(createContext(), opts);
  });

program
  .command('status')
  .description("the daemon's queues, schedulers and the last run of each source")
  .option('--json', 'print JSON')
  .action(async (opts) => {
    const { statusCommand } = await import('./commands/daemon.js');
    await withContext(async (ctx) => print(await statusCommand(ctx, opts)));
  });

function fail(e: unknown): void {
  const message = e instanceof Error ? e.message : String(e);
  process.stderr.write(`kznews: ${message}\n`);
  if (verbose && e instanceof Error && e.stack) process.stderr.write(`${e.stack}\n`);
  process.exitCode = e instanceof UsageError ? 2 : 1;
}

program.parseAsync(process.argv).catch(fail);
