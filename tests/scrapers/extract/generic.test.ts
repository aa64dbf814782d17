import { describe, expect, it } from 'vitest';
import { extractMainText } from '../../../src/scrapers/extract/generic.js';
import { expectedBody, fixtureHtml } from '../../fixtures/extract/cases.js';

describe('extractMainText', () => {
  it('reads the page own article when a second one is appended below, by data-url', () => {
    const html = fixtureHtml('rbc-scroll');
    const first = extractMainText(html, { url: 'https://www.rbc.ru/economics/14/11/2025/673589d89a7947e2a1b2c3d4' });
    expect(first.paragraphs).toEqual(expectedBody('rbc-scroll'));
    expect(first.titleGuess).toBe('Нацбанк Казахстана сохранил базовую ставку на уровне 16,5%');
    const second = extractMainText(html, { url: 'https://www.rbc.ru/society/14/11/2025/67358c1f9a7947f0b5c6d7e8' });
    expect(second.titleGuess).toBe('В Алматы открылась новая линия метро');
    expect(second.paragraphs[0]).toBe(
      'В Алматы открылись две новые станции метрополитена — «Сайран» и «Москва». Они продлили первую линию на запад города на 2,7 километра.',
    );
    expect(second.paragraphs).toHaveLength(3);
  });

  it('keeps the first of two appended articles when no URL is given', () => {
    const { paragraphs } = extractMainText(fixtureHtml('lada'));
    expect(paragraphs).toEqual(expectedBody('lada'));
  });

  it('splits <br><br> paragraphs and joins inline elements', () => {
    const html = `<html><body><div class="story">Первая строка текста новости, довольно длинная, чтобы считаться абзацем статьи.<br><br>
      Вторая <b>часть</b> с <a href="/x">ссылкой</a> внутри, тоже длинная, как настоящий абзац новости.<br>и продолжение той же строки.</div></body></html>`;
    expect(extractMainText(html).paragraphs).toEqual([
      'Первая строка текста новости, довольно длинная, чтобы считаться абзацем статьи.',
      'Вторая часть с ссылкой внутри, тоже длинная, как настоящий абзац новости. и продолжение той же строки.',
    ]);
  });

  it('stops at a related-news heading and drops counters, dashes, emoji and link lines', () => {
    const html = `<html><body><main><div class="post">
      <h1>Заголовок статьи о погоде</h1>
      <p>В Астане ожидается похолодание до минус двадцати градусов, сообщили синоптики Казгидромета в понедельник.</p>
      <p>🔥🔥</p><p>- 5588</p><p>—</p>
      <p>Водителей просят быть внимательнее на дорогах, а пешеходов — одеваться теплее и не выходить без необходимости.</p>
      <p><a href="/a">Ещё одна новость по ссылке</a></p>
      <h3>Другие новости</h3>
      <p>Новость после конца статьи, которую брать не нужно, хотя она и похожа на абзац текста.</p>
    </div></main></body></html>`;
    const result = extractMainText(html);
    expect(result.titleGuess).toBe('Заголовок статьи о погоде');
    expect(result.paragraphs).toEqual([
      'В Астане ожидается похолодание до минус двадцати градусов, сообщили синоптики Казгидромета в понедельник.',
      'Водителей просят быть внимательнее на дорогах, а пешеходов — одеваться теплее и не выходить без необходимости.',
    ]);
  });

  it('keeps a WordPress article whose classes name tags and categories', () => {
    const { paragraphs } = extractMainText(fixtureHtml('wordpress-en'));
    expect(paragraphs).toEqual(expectedBody('wordpress-en'));
  });

  it('reads a layout table page by its content cell', () => {
    expect(extractMainText(fixtureHtml('nometa')).paragraphs).toEqual(expectedBody('nometa'));
  });

  const para = (n: number): string =>
    `Абзац номер ${n} достаточно длинного текста статьи, в котором есть запятые, цифры и точка в конце, как в настоящей новости.`;

  it('keeps a whole body whose subheadings are h1 elements', () => {
    const html = `<html><body><header><h1 class="logo">Сайт</h1></header><div class="content">
      <h1>Заголовок статьи о реформе</h1><p>${para(1)}</p><p>${para(2)}</p>
      <h1>Первая часть</h1><p>${para(3)}</p><p>${para(4)}</p>
      <h1>Вторая часть</h1><p>${para(5)}</p><p>${para(6)}</p></div></body></html>`;
    expect(extractMainText(html).paragraphs).toEqual([
      para(1), para(2), 'Первая часть', para(3), para(4), 'Вторая часть', para(5), para(6),
    ]);
  });

  it('keeps a short sentence that links a name, and Elementor text widgets', () => {
    const html = `<html><body><div class="elementor-widget elementor-widget-theme-post-content"><div class="elementor-widget-container">
      <p>${para(1)}</p><p><a href="/person/1">Касым-Жомарт Токаев</a> подписал указ.</p><p>${para(2)}</p>
      </div></div><div class="elementor-widget elementor-widget-text-editor"><p>${para(3)}</p></div>
      <div class="elementor-widget elementor-widget-share-buttons"><a href="#">Facebook</a><a href="#">Telegram</a></div></body></html>`;
    expect(extractMainText(html).paragraphs).toEqual([para(1), 'Касым-Жомарт Токаев подписал указ.', para(2), para(3)]);
  });

  it('keeps a content container whose class names a topic such as "social"', () => {
    const html = `<html><body><nav><a href="/">Главная</a></nav><div class="article-content rubric social">
      <p>${para(1)}</p><p>${para(2)}</p><p>${para(3)}</p></div>
      <div class="sidebar"><p>${para(9)}</p></div><footer>© 2025</footer></body></html>`;
    expect(extractMainText(html).paragraphs).toEqual([para(1), para(2), para(3)]);
  });

  it('keeps the rest of an article hidden behind a "read more" button by class, and drops inline-hidden furniture', () => {
    const html = `<html><body><div class="article-text"><p>${para(1)}</p><p>${para(2)}</p>
      <button class="more">Читать далее</button><div class="article-rest hidden"><p>${para(3)}</p></div>
      <div style="display: none"><p>Окно подписки на рассылку, которое показывает скрипт.</p></div></div></body></html>`;
    expect(extractMainText(html).paragraphs).toEqual([para(1), para(2), para(3)]);
  });

  it('reads a page an ASP.NET form wraps whole, and still drops a real search form', () => {
    const html = `<html><body><form id="aspnetForm" method="post"><div class="top"><form class="search"><input name="q"></form></div>
      <div class="main"><h1>Новость об открытии моста</h1><p>${para(1)}</p><p>${para(2)}</p><p>${para(3)}</p></div>
      </form></body></html>`;
    const result = extractMainText(html);
    expect(result.titleGuess).toBe('Новость об открытии моста');
    expect(result.paragraphs).toEqual([para(1), para(2), para(3)]);
  });
});
