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
});
