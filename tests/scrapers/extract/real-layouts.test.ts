import { describe, expect, it } from 'vitest';
import { extractMainText } from '../../../src/scrapers/extract/generic.js';
import { isFurnitureText } from '../../../src/scrapers/extract/lines.js';

/** Layouts met on real news pages (France 24, Al Jazeera and the like), rewritten with our own text. */
const EN = [
  'The regional council approved the new budget on Monday, allocating more money to schools, roads and the central hospital.',
  'Officials said the plan, which took six months to prepare, would be reviewed again in the autumn after public hearings.',
  'Opposition members argued that the spending on roads was too small, and that the hospital needed a larger share of the funds.',
];
const RU = [
  'Областной совет в понедельник утвердил новый бюджет, выделив больше средств на школы, дороги и центральную больницу.',
  'По словам чиновников, план, на подготовку которого ушло полгода, снова рассмотрят осенью после общественных слушаний.',
  'Депутаты от оппозиции заявили, что расходы на дороги слишком малы, а больнице нужна большая доля средств.',
];
const paras = (texts: readonly string[]): string => texts.map((t) => `<p>${t}</p>`).join('');
const page = (article: string): string =>
  `<html><body><header><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>${article}<footer><p>© 2026 Example</p></footer></body></html>`;

describe('generic extractor on real-world layouts', () => {
  it('drops a labelled date line closing the body ("Date created : 2015-05-12")', () => {
    const html = page(`<article><h1>Council approves budget</h1><div class="bd">${paras(EN)}<p><em>(Example News with wires)</em></p><p class="modification">Date created : 2015-05-12</p></div></article>`);
    expect(extractMainText(html).paragraphs).toEqual([...EN, '(Example News with wires)']);
  });

  it('drops Russian "Опубликовано:"/"Обновлено:" lines with numeric or worded dates', () => {
    const html = page(`<article><h1>Совет утвердил бюджет</h1><div class="text"><p>Опубликовано: 12.05.2024, 10:30</p>${paras(RU)}<p>Обновлено: 12 мая 2024, 14:05</p></div></article>`);
    expect(extractMainText(html).paragraphs).toEqual(RU);
  });

  it('drops relative and "Published On" time lines around the body, in English, Russian and Kazakh', () => {
    const html = page(`<article><h1>Council approves budget</h1><div class="body"><p>Published On 11 Jun 2026</p><p>Updated 3 hours ago</p>${paras(EN)}<p>Обновлено: 2 часа назад</p><p>2 сағат бұрын</p></div></article>`);
    expect(extractMainText(html).paragraphs).toEqual(EN);
  });

  it('keeps a sentence that tells how long ago something happened', () => {
    const html = page(`<article><h1>Council approves budget</h1><div class="body">${paras(EN)}<p>Three people were hurt 2 hours ago.</p></div></article>`);
    expect(extractMainText(html).paragraphs).toEqual([...EN, 'Three people were hurt 2 hours ago.']);
  });

  it('keeps a labelled line whose value is not a date', () => {
    const html = page(`<article><h1>Council approves budget</h1><div class="body">${paras(EN)}<p>Result: 52 votes for, 11 against</p></div></article>`);
    expect(extractMainText(html).paragraphs).toEqual([...EN, 'Result: 52 votes for, 11 against']);
  });

  it('drops a byline that names several authors or an agency', () => {
    const html = page(`<article><h1>Council approves budget</h1><div class="body"><p>By John Smith and Jane Doe</p><p>By Anna Lee, Reuters</p>${paras(EN)}</div></article>`);
    expect(extractMainText(html).paragraphs).toEqual(EN);
    expect(isFurnitureText('Авторы: Иван Петров и Анна Ли')).toBe(true);
  });

  it('keeps a sentence that starts with "By" but is not a byline', () => {
    const html = page(`<article><h1>Council approves budget</h1><div class="body">${paras(EN)}<p>By the end of the year the roads will be repaired.</p></div></article>`);
    expect(extractMainText(html).paragraphs).toEqual([...EN, 'By the end of the year the roads will be repaired.']);
  });

  it('drops a newsletter sign-up box without a furniture class, by its own form', () => {
    const box = '<div class="box"><p><strong>Want more news like this?</strong> Get the best of our reporting delivered to your inbox every weekday morning. Enter your email address below to join the list.</p><form><input type="email"><button>Subscribe</button></form></div>';
    const html = page(`<article><h1>Council approves budget</h1><div class="body">${paras(EN.slice(0, 2))}${box}${paras(EN.slice(2))}</div></article>`);
    expect(extractMainText(html).paragraphs).toEqual(EN);
  });

  it('keeps an article body that holds a form among much text', () => {
    const long = [...EN, ...EN.map((t) => t.replace('Monday', 'Tuesday').replace('six', 'seven').replace('small', 'low'))];
    const html = page(`<article><h1>Council approves budget</h1><div class="body">${paras(long)}<form><input type="email"></form></div></article>`);
    expect(extractMainText(html).paragraphs).toEqual(long);
  });

  it('drops an inline "Recommended Stories" list and an ad label mid-article', () => {
    const related = '<section class="more-on"><h2>Recommended Stories</h2><span class="screen-reader-text">list of 2 items</span><ul><li><a href="/a">Schools get new buses before winter</a></li><li><a href="/b">Why are road repairs so slow this year?</a></li></ul></section>';
    const ad = '<div class="container--ads in-article-ads"><div class="ads"><span class="ads__title"> Advertisement </span></div></div>';
    const html = page(`<main><h1>Council approves budget</h1><div class="wysiwyg">${paras(EN.slice(0, 1))}${related}${paras(EN.slice(1, 2))}${ad}${paras(EN.slice(2))}</div></main>`);
    expect(extractMainText(html).paragraphs).toEqual(EN);
  });
  it('keeps the standfirst printed between the headline and the body container (DW "intro")', () => {
    const intro = 'Councillors spent the whole night on the budget, and the vote that closed the session surprised even its authors.';
    const share = '<div id="sharing-bar"><a class="sharing-item fb" href="https://facebook.com/x"></a></div>';
    const html = page(`<div class="col3"><h4 class="artikel">Politics</h4><h1>Council approves budget</h1><p class="intro">${intro}</p>${share}<div class="picBox"><p></p></div><div class="group"><div class="longText">${paras(EN)}</div></div><h4>Recommended</h4><div class="group"><div class="linkList"><a href="/a"><h2>Schools get new buses</h2><p>Buses arrive before winter.</p></a></div></div></div>`);
    expect(extractMainText(html).paragraphs).toEqual([intro, ...EN]);
  });

  it('keeps a lead paragraph inside the article header, not the kicker or credit lines there', () => {
    const lead = 'Депутаты спорили всю ночь, и голосование, которым закончилось заседание, удивило даже авторов бюджета.';
    const header = `<header><a href="/politics">Политика</a><h1>Совет утвердил бюджет</h1><p class="article__lead">${lead}</p><p>Фото: пресс-служба</p><p><a href="/author/1">Иван Петров</a></p></header>`;
    const html = page(`<article>${header}<div class="article__text">${paras(RU)}</div></article>`);
    expect(extractMainText(html).paragraphs).toEqual([lead, ...RU]);
  });

  it('takes no standfirst from after the body or from a headline inside the body', () => {
    const after = '<p>This paragraph stands after the body, in the footer of the page, and is no standfirst at all.</p>';
    const html = page(`<div class="wrap"><div class="content">${paras(EN)}</div><h1>Council approves budget</h1>${after}</div>`);
    expect(extractMainText(html).paragraphs).not.toContain(after.slice(3, -4));
  });
  it('reads a short post, not the longer next-post teaser cards below it (Boing Boing)', () => {
    const post = 'The cartoonist got a spot on the evening show for his sharp critique of the story of the lazy young generation. Click through for the whole thing.';
    const card = (i: number, text: string): string =>
      `<div class="nextstory"><h2><a href="/2019/09/${i}/next.html">Next story number ${i} about something else entirely</a></h2><p>${text} [&hellip;]</p><h3><a href="/2019/09/${i}/next.html">READ THE REST</a></h3></div>`;
    const cards = [...EN, ...EN].map((t, i) => card(i + 1, `${t} ${EN[(i + 1) % EN.length] as string}`)).join('');
    const html = page(`<div id="container"><div id="headline"><h1>Hating the young, the prejudice you may boast about</h1></div><div id="story"><p>${post}</p><div class="share"><h3><a href="https://facebook.com/x">SHARE</a> / <a href="/bbs/1">82 COMMENTS</a></h3></div></div><div id="next-post-thumbnails">${cards}</div></div>`);
    expect(extractMainText(html).paragraphs).toEqual([post]);
  });

  it('reads a short post above next-post teasers when no class names set its share bar and tag row aside', () => {
    const post = 'The cartoonist got a spot on the evening show for his sharp critique of the story of the lazy young generation. Click through for the whole thing.';
    const card = (i: number, text: string): string =>
      `<div><h2><a href="/2019/09/${i}/next.html">Next story number ${i} about something else entirely</a></h2><p>${text} [&hellip;]</p><h3><a href="/2019/09/${i}/next.html">READ THE REST</a></h3></div>`;
    const cards = [...EN, ...EN].map((t, i) => card(i + 1, `${t} ${EN[(i + 1) % EN.length] as string}`)).join('');
    const share = '<h3><a href="https://facebook.com/sharer.php?u=x">SHARE</a> / <a href="https://twitter.com/intent/tweet?text=x">TWEET</a> / <a href="/bbs/t/4498">82 COMMENTS</a></h3>';
    const tags = '<h3><a href="/tag/comics">Comics</a> / <a href="/tag/demographics">demographics</a> / <a href="/tag/economics">economics</a> / <a href="/tag/happy-mutants">happy mutants</a></h3>';
    const html = page(`<div><div><h1>Hating the young, the prejudice you may boast about</h1></div><div><p>${post}</p><div>${share}${tags}</div></div><div>${cards}</div></div>`);
    expect(extractMainText(html, { declaredArticle: true }).paragraphs).toEqual([post]);
    // Without the page saying it is an article, the post is too slight to outweigh the teasers.
    expect(extractMainText(html).paragraphs).not.toContain(post);
  });

  it('still reads a page of teaser cards as a listing when no sibling holds prose of its own', () => {
    const card = (i: number, text: string): string => `<div class="card"><h2><a href="/news/${i}">Headline number ${i} of the day</a></h2><p>${text}</p></div>`;
    const html = page(`<div id="main"><div class="list">${[...EN, ...EN].map((t, i) => card(i + 1, t)).join('')}</div></div>`);
    const { paragraphs } = extractMainText(html);
    expect(paragraphs).toEqual(expect.arrayContaining(EN));
  });
  it('reads a body whose every paragraph is its own div with a content class (Sputnik "article__text")', () => {
    const blocks = RU.map((t) => `<div class="article__block"><div class="article__text">${t}</div></div>`);
    const related = '<div class="article__block"><div class="elem-info"><div class="elem-info__label">Читайте также</div><a href="/20250801/x.html" class="elem-info__title">В Алматы построят детский онкоцентр</a></div></div>';
    const html = page(`<div class="article"><div class="article__header"><h1 class="article__title">Совет утвердил бюджет</h1></div><div class="article__body">${blocks[0]}${related}${blocks.slice(1).join('')}</div><div class="article__footer"><ul class="article__tags"><li><a href="/t">Бюджет</a></li></ul></div></div>`);
    expect(extractMainText(html).paragraphs).toEqual(RU);
  });

  it('keeps a description div printed above the photo and the body (Kazinform "article__description")', () => {
    const description = 'По состоянию на 2 сентября в области убрано 3,8 млн гектаров зерновых культур, сообщили в министерстве.';
    const html = page(`<div class="article"><div class="article__header"><h1 class="article__title">Совет утвердил бюджет</h1><div class="article__info"><div class="article__time">18:40, 2 Сентябрь 2025</div></div></div><div class="article__description">${description}</div><div class="article__photo"><img src="/a.jpg"><div class="article__photo-source">Фото: Kazinform</div></div><div class="article__body-text">${paras(RU)}</div></div>`);
    expect(extractMainText(html).paragraphs).toEqual([description, ...RU]);
  });

  it('keeps a <br>-split text div as its own container', () => {
    const html = page(`<div class="page"><h1>Council approves budget</h1><div class="news-text">${EN.join('<br><br>')}</div><div class="side"><a href="/1">Other news one</a><br><a href="/2">Other news two</a></div></div>`);
    expect(extractMainText(html).paragraphs).toEqual(EN);
  });
  it('keeps a subtitle under the headline even without a closing period (nur.kz "single-header__subtitle")', () => {
    const subtitle = 'Регулятор ужесточил денежно-кредитную политику на фоне ускорения инфляции';
    const html = page(`<div class="single"><div class="single-header"><h1 class="single-header__title">Совет утвердил бюджет</h1><p class="single-header__subtitle">${subtitle}</p><div class="single-header__meta"><time datetime="2025-10-10T12:45:00+05:00">10 октября 2025 12:45</time></div></div><div class="formatted-body">${paras(RU)}</div></div>`);
    expect(extractMainText(html).paragraphs).toEqual([subtitle, ...RU]);
  });
  it('keeps a paragraph that only links the cited source on another site, not one linking within the site', () => {
    const source = '<p><a href="https://www.cnn.com/2013/07/09/opinion/comic-strip">The generation we love to dump on</a></p>';
    const teaser = '<p><a href="https://example.com/news/2">Schools get new buses before the winter starts</a></p>';
    const html = page(`<div id="story"><h1>Council approves budget</h1>${paras(EN.slice(0, 2))}${teaser}${paras(EN.slice(2))}${source}</div>`);
    expect(extractMainText(html, { url: 'https://www.example.com/2013/07/19/budget.html' }).paragraphs).toEqual([...EN, 'The generation we love to dump on']);
    expect(extractMainText(html).paragraphs).toEqual(EN);
  });
  it('keeps a short article with linked headlines inside it rather than switching to a sidebar of links', () => {
    const more = '<div class="more"><h3><a href="/1">Schools get new buses</a></h3><h3><a href="/2">Roads to be repaired</a></h3><h3><a href="/3">Hospital wing opens</a></h3></div>';
    const side = `<div class="col"><p><a href="/a">Weather for the week ahead</a>, <a href="/b">the markets</a>, <a href="/c">the traffic news</a> and <a href="/d">our podcasts</a>, updated every hour for our readers.</p></div>`;
    const html = page(`<div class="wrap"><div class="story"><h1>Council approves budget</h1>${paras(EN.slice(0, 2))}${more}</div>${side}</div>`);
    expect(extractMainText(html).paragraphs).toEqual(expect.arrayContaining(EN.slice(0, 2)));
  });
  it('sets aside recirculation and "read also" modules known by their class names (en, transliterated ru)', () => {
    const modules = [
      '<div class="recirc-module"><p>Five stories our readers liked most this week, picked by the editors for you.</p></div>',
      '<div class="read-next"><p>The next story looks at the new buses that the schools will get before winter.</p></div>',
      '<div class="chitayte-takzhe"><p>Ранее депутаты обсуждали расходы на новые автобусы для школ области и района.</p></div>',
      '<div class="block-reklama"><p>Купите новый автомобиль в кредит по самой низкой ставке в нашем салоне сегодня.</p></div>',
    ];
    const html = page(`<article><h1>Совет утвердил бюджет</h1><div class="article-text">${paras(RU.slice(0, 1))}${modules.join('')}${paras(RU.slice(1))}</div></article>`);
    expect(extractMainText(html).paragraphs).toEqual(RU);
  });
  it('drops an AI summary box (label and its points) above the body, and keeps a human "Главное" list', () => {
    const summary = `<div class="article__summary"><span class="article__summary-title">Краткий пересказ от РИА ИИ</span><ul><li>Совет утвердил бюджет с ростом расходов на школы.</li><li>План пересмотрят осенью после слушаний.</li></ul></div>`;
    const human = '<h3>Главное</h3><ul><li>Бюджет утвержден с ростом расходов на школы.</li></ul>';
    const blocks = RU.map((t) => `<div class="article__block"><div class="article__text">${t}</div></div>`).join('');
    const html = page(`<div class="article"><h1>Совет утвердил бюджет</h1><div class="article__body">${summary}${blocks}</div></div>`);
    expect(extractMainText(html).paragraphs).toEqual(RU);
    const withHuman = page(`<div class="article"><h1>Совет утвердил бюджет</h1><div class="article__body">${human}${blocks}</div></div>`);
    expect(extractMainText(withHuman).paragraphs).toEqual(['Главное', 'Бюджет утвержден с ростом расходов на школы.', ...RU]);
  });
  it('drops an English "AI summary" heading with its points, the list being the heading\'s sibling', () => {
    const box = '<section><h2>AI summary</h2><ul><li>The council approved a larger budget for schools.</li><li>The plan will be reviewed in the autumn.</li></ul></section>';
    const html = page(`<article><h1>Council approves budget</h1><div class="story-body">${box}${paras(EN)}</div></article>`);
    expect(extractMainText(html).paragraphs).toEqual(EN);
  });
  it('drops a picture box with a caption line, and keeps a sentence printed beside an image (DW "picBox")', () => {
    const picture = '<div class="picBox"><a class="overlayLink" href="#"><img src="/image/1_404.jpg" alt="Barrels"></a><p>Oak barrels enhance the wine flavor</p></div>';
    const illustrated = 'Schools will get the new buses before the winter starts, the council said.';
    const html = page(`<article><h1>Council approves budget</h1><div class="longText">${paras(EN.slice(0, 1))}${picture}${paras(EN.slice(1))}<div><img src="/bus.png"> ${illustrated}</div></div></article>`);
    expect(extractMainText(html).paragraphs).toEqual([...EN, illustrated]);
  });
});
