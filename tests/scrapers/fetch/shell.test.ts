import { describe, expect, it } from 'vitest';
import { looksLikeChallenge, looksLikeJsShell, visibleText } from '../../../src/scrapers/fetch/shell.js';

const article = (extra = ''): string =>
  `<!doctype html><html><head><title>Новости</title><script src="/app.js"></script></head><body>${extra}
  <div id="__next"><article><h1>Президент провёл совещание</h1>
  <p>${'Глава государства обсудил с правительством ход реализации поручений, данных в послании народу Казахстана. '.repeat(8)}</p>
  </article></div></body></html>`;

describe('visibleText', () => {
  it('keeps what a reader sees and drops scripts, styles, comments and the head', () => {
    const html =
      '<html><head><title>T</title><style>p{}</style></head><body><!-- c --><p>Один&nbsp;два</p><script>var x = "три";</script> <b>четыре</b></body></html>';
    expect(visibleText(html)).toBe('Один·два четыре');
  });
});

describe('looksLikeJsShell', () => {
  it('sees an empty React root with a bundle as a shell', () => {
    const html =
      '<!doctype html><html><head><title>Tengrinews</title></head><body><div id="root"></div><script src="/static/js/main.3f2a.js"></script></body></html>';
    expect(looksLikeJsShell(html)).toBe(true);
  });

  it('sees a page whose noscript asks to enable JavaScript, in Russian, as a shell', () => {
    const html =
      '<html><body><noscript>Для работы сайта включите JavaScript в настройках браузера.</noscript><div class="loader">Загрузка…</div></body></html>';
    expect(looksLikeJsShell(html)).toBe(true);
  });

  it('does not see a server-rendered Next.js article with a noscript notice as a shell', () => {
    expect(looksLikeJsShell(article('<noscript>Please enable JavaScript to use comments.</noscript>'))).toBe(false);
  });

  it('does not see a short plain page without scripts or mount point as a shell', () => {
    expect(looksLikeJsShell('<html><body><p>Страница переехала.</p></body></html>')).toBe(false);
  });

  it('does not see an empty mount point without any script as a shell', () => {
    expect(looksLikeJsShell('<html><body><div id="app"></div></body></html>')).toBe(false);
  });
});

describe('looksLikeChallenge', () => {
  it('sees a Cloudflare managed challenge under 403 as a challenge', () => {
    const html =
      '<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title></head><body><div class="main-wrapper"><noscript>Enable JavaScript and cookies to continue</noscript></div><script>(function(){window._cf_chl_opt={cvId: \'3\',cZone: "www.zakon.kz"};var a=document.createElement(\'script\');a.src=\'/cdn-cgi/challenge-platform/h/b/orchestrate/chl_page/v1?ray=8a1\';}());</script></body></html>';
    expect(looksLikeChallenge(html, 403)).toBe(true);
  });

  it('sees a DDoS-Guard check page under 200 as a challenge', () => {
    const html =
      '<html><head><title>DDoS-Guard</title></head><body><div>Проверка браузера перед переходом на сайт</div><script src="/.well-known/ddos-guard/js-challenge/index.js"></script></body></html>';
    expect(looksLikeChallenge(html, 200)).toBe(true);
  });

  it('sees a Qrator auth page as a challenge', () => {
    const html = '<html><head><script src="/__qrator/qauth_utm_v2_a.js"></script></head><body></body></html>';
    expect(looksLikeChallenge(html, 401)).toBe(true);
  });

  it('sees a 503 "checking your browser" page as a challenge', () => {
    const html = '<html><body><h2>Checking your browser before accessing inform.kz.</h2><p>Please allow up to 5 seconds…</p></body></html>';
    expect(looksLikeChallenge(html, 503)).toBe(true);
  });

  it('does not see an ordinary Cloudflare-served article with the bot-detection script as a challenge', () => {
    const html = article(
      '<script>(function(){var a=document.createElement("script");a.src="/cdn-cgi/challenge-platform/scripts/jsd/main.js";})();</script>',
    );
    expect(looksLikeChallenge(html, 200)).toBe(false);
  });

  it('does not see a long article that mentions DDoS-Guard as a challenge', () => {
    const html = article('<p>Сайт атаковали, защиту обеспечивает DDoS-Guard.</p>');
    expect(looksLikeChallenge(html, 200)).toBe(false);
  });

  it('does not see a plain 403 without challenge wording as a challenge', () => {
    expect(looksLikeChallenge('<html><body><h1>403 Forbidden</h1><hr><center>nginx</center></body></html>', 403)).toBe(false);
  });
});
