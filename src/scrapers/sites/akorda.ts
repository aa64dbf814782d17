/**
 * akorda.kz, the President's site (Russian /ru/, Kazakh /kz/, English /en/). Listings put the date in the
 * <h5> after each <h3><a>; the article's own date is the <h5> after its h2.mt-5 title, never the header's
 * clock ("Суббота, 28 Февраля 2026"). Rendered in the browser: article bodies can be filled in by scripts.
 */
import { defineSource } from './define.js';

const LANGS = ['ru', 'kz', 'en'] as const;
/** The sections the issue asks for; legal_acts (decrees and orders) are documents, not news. */
const SECTIONS = ['events', 'addresses', 'speeches'] as const;

export const akorda = defineSource({
  id: 'akorda',
  name: 'Akorda (President of Kazakhstan)',
  baseUrl: 'https://www.akorda.kz',
  languages: ['ru', 'kk', 'en'],
  renderer: 'browser',
  cron: '*/30 * * * *',
  discovery: {
    // Only the Russian feed is known; its item links are relative.
    feeds: ['https://www.akorda.kz/ru/rss'],
    listings: LANGS.flatMap((lang) =>
      SECTIONS.map((section) => ({ url: `https://www.akorda.kz/${lang}/${section}?page={page}`, item: 'h3', date: 'h5' })),
    ),
  },
  // /ru/<slug>-<id>, /ru/addresses/<sub>/<slug>, and the older /en/events/…/<slug>_<id>.
  articleUrl: /^https:\/\/(?:www\.)?akorda\.kz\/(?:ru|kz|en)\/(?:[a-z0-9-]+-\d{4,}|addresses\/[\w-]+\/[\w-]+|events\/[\w/-]+_\d+)\/?$/i,
  selectors: {
    title: 'h2.mt-5',
    date: 'h2.mt-5 + h5',
    body: 'article',
    dropPatterns: [/^(?:фото:?\s*|photo:?\s*|сурет:?\s*)?(?:www\.)?akorda\.kz\.?$/i, /^(?:назад|артқа|go back)$/i],
  },
});
