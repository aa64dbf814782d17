/**
 * Kursiv (kz.kursiv.media), a WordPress business paper with Russian, Kazakh (/kk/) and English (/en/)
 * editions. The body is .single-body up to the "read also" block and the footer (tags, share) it holds.
 */
import { defineSource } from './define.js';

export const kursiv = defineSource({
  id: 'kursiv',
  name: 'Kursiv Media Казахстан',
  baseUrl: 'https://kz.kursiv.media',
  languages: ['ru', 'kk', 'en'],
  discovery: {
    feeds: ['https://kz.kursiv.media/feed/', 'https://kz.kursiv.media/en/feed/'],
    sitemaps: ['ru', 'kk', 'en'].map((lang) => `https://kz.kursiv.media/sitemaps/${lang}/sitemap.xml`),
  },
  // /[kk|en/]YYYY-MM-DD/<slug>/
  articleUrl: /^https:\/\/kz\.kursiv\.media\/(?:(?:kk|en)\/)?\d{4}-\d{2}-\d{2}\/[a-z0-9-]+\/?$/,
  selectors: {
    title: 'h1.single-header__title',
    lead: '.single-header__subtitle',
    body: '.single-body',
    bodyEnd: ['.single-footer', '.single-read-also'],
    date: 'time.single-publishing-time__date',
    author: '.author-card__name a',
    tags: '.single-tags a',
  },
});
