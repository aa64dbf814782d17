/**
 * Telling, from the HTML an HTTP fetch got, whether only a browser can read the page: a JavaScript shell
 * (an empty mount point that scripts fill in) or an anti-bot challenge (Cloudflare, DDoS-Guard, Qrator,
 * StormWall) that answers in place of the article. Pure string work: it runs on every 'auto' page, so it
 * must be cheap and must not need a DOM.
 */
import { SHELL } from '../../settings.js';

const INVISIBLE_BLOCKS = /<(script|style|noscript|template|svg|head)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
const COMMENTS = /<!--[\s\S]*?-->/g;
const TAGS = /<[^>]*>/g;
const ENTITIES = /&(?:#\d+|#x[0-9a-f]+|[a-z]+);/gi;

/** The text a reader would see, whitespace collapsed (entities count as one character each). */
export function visibleText(html: string): string {
  return html
    .replace(COMMENTS, ' ')
    .replace(INVISIBLE_BLOCKS, ' ')
    .replace(TAGS, ' ')
    .replace(ENTITIES, '·')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Mount points of the common client-side frameworks (React, Vue, Next, Nuxt, Gatsby, Angular, Svelte). */
const MOUNT_POINT =
  /<(?:div|main|section)\b[^>]*\bid\s*=\s*["']?(?:root|app|__next|__nuxt|___gatsby|svelte|main-app|application)\b[^>]*>|<app-root\b/i;
const SCRIPT_TAG = /<script\b/i;
const NOSCRIPT = /<noscript\b[^>]*>([\s\S]*?)<\/noscript\s*>/gi;
const ENABLE_JS =
  /(enable|turn on|activate)\s+javascript|javascript\s+(is\s+)?(required|disabled|must be enabled)|включите\s+javascript|javascript\s+(отключ|выключ)|требуется\s+javascript|javascript\s+қосыңыз/i;

function noscriptAsksForJs(html: string): boolean {
  for (const match of html.matchAll(NOSCRIPT)) {
    if (ENABLE_JS.test(match[1] ?? '')) return true;
  }
  return false;
}

/**
 * A page whose content is drawn by its scripts: almost no visible text, and either a framework's empty
 * mount point plus scripts, or a <noscript> asking to enable JavaScript. A full server-rendered page that
 * also has #__next or a "enable JavaScript" notice has plenty of text, so it does not count.
 */
export function looksLikeJsShell(html: string): boolean {
  const textLength = visibleText(html).length;
  if (textLength > SHELL.maxShellTextChars) return false;
  if (noscriptAsksForJs(html)) return true;
  return SCRIPT_TAG.test(html) && MOUNT_POINT.test(html);
}

/**
 * Markers only a challenge page carries. Cloudflare injects `/cdn-cgi/challenge-platform/scripts/jsd/` into
 * ordinary pages too, so that path alone is not here: `cf_chl_opt` and the challenge's `orchestrate/` script are.
 */
const STRONG_CHALLENGE_MARKERS: readonly RegExp[] = [
  /\bcf_chl_opt\b/,
  /\/cdn-cgi\/challenge-platform\/(?:h\/[a-z]\/)?orchestrate\//,
  /\bcf-browser-verification\b/,
  /\bchallenge-form\b[^>]*__cf_chl/,
  /check\.ddos-guard\.net/i,
  /\/\.well-known\/ddos-guard\/(?:check|js-challenge)/i,
  /\/__qrator\/qauth/i,
  /\bqrator_jsid\b/i,
];

/** Words and titles challenge pages show; weak alone (an article may quote them), decisive on a near-empty page. */
const CHALLENGE_WORDS =
  /<title>\s*(?:just a moment\.{0,3}|attention required!? \| cloudflare|ddos-guard|проверка браузера[^<]*|один момент[^<]*)\s*<\/title>|checking your browser before accessing|checking if the site connection is secure|verify you are human|enable javascript and cookies to continue|ddos protection by|проверка вашего браузера|пожалуйста, подождите[^<]{0,40}проверк|cloudflare ray id|\bddos-guard\b|\bqrator\b|\bstormwall\b/i;

/** Statuses protection services answer a blocked or challenged client with. */
const CHALLENGE_STATUSES: ReadonlySet<number> = new Set([401, 403, 429, 503]);

/**
 * An anti-bot challenge instead of the page: a marker only challenge pages carry, or challenge wording on a
 * page with little else, or challenge wording under a blocking status (403/503 and kin).
 */
export function looksLikeChallenge(html: string, status: number): boolean {
  if (STRONG_CHALLENGE_MARKERS.some((marker) => marker.test(html))) return true;
  if (!CHALLENGE_WORDS.test(html)) return false;
  return CHALLENGE_STATUSES.has(status) || visibleText(html).length <= SHELL.maxChallengeTextChars;
}
