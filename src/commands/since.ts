import { UsageError } from '../errors.js';
import { parseDate } from '../scrapers/extract/dates.js';

/** A date given on the command line (YYYY-MM-DD, ISO, or any form the date parser reads), in Almaty time. */
export function parseSince(value: string | undefined, now: Date, flag = '--since'): string | null {
  if (value === undefined) return null;
  const iso = parseDate(value, { timezone: 'Asia/Almaty', now });
  if (!iso) throw new UsageError(`${flag} ${value}: not a date (use YYYY-MM-DD)`);
  return iso;
}

