import { describe, expect, it } from 'vitest';
import type { Block } from '../../../src/scrapers/extract/dom.js';
import { isAiSummaryLabel, isEndHeading, isFurnitureText, isLinkLine } from '../../../src/scrapers/extract/lines.js';

const block = (text: string, linkChars = 0, tag = 'p'): Block => ({ text, linkChars, tag, element: null });

describe('isFurnitureText', () => {
  const furniture = [
    'Суббота, 28 Февраля 2026',
    '✔️',
    '- 5588',
    '-',
    '27.02.2026 110',
    'akorda.kz',
    'Создано на платформе Alison CMS © 2011-2026. Авторские права защищены законодательством Республики Казахстан.',
    'Дизайн и разработка сайта от компании Licon.',
    'Комментарии0 комментарий(ев)',
    'Читайте также: Токаев прибыл в Тяньцзинь на саммит ШОС',
    'Подписывайтесь на наш Telegram-канал, чтобы первыми узнавать главные новости.',
    'Нашли ошибку? Выделите текст и нажмите Ctrl+Enter',
    'Фото: Акорда',
    'Источник: Sputnik Казахстан',
    'Поделиться',
    'Facebook Twitter Telegram WhatsApp',
    'Назад',
    '13:51, 15 августа 2025',
    'Reporting by Mariya Gordeyeva; Editing by Alex Richardson',
    'Our Standards: The Thomson Reuters Trust Principles.',
    'Реклама. ТОО «Ромашка». Erid: 2VtzqvXyZ1',
    'Мнение автора может не совпадать с позицией редакции.',
    'При цитировании материалов гиперссылка на сайт обязательна.',
    'Толығырақ: ҚР Президентінің сайты',
    // Credit, caption and reuse lines gathered from real Russian and English news pages.
    'Любое копирование или частичное использование возможно по разрешению редакции K-News.',
    'Автором материала является K-News.',
    'Использование материалов разрешено только при наличии гиперссылки',
    'Фото иллюстративное.',
    'Фото из архива.',
    'Image source, Getty Images',
    'Image caption, The bridge was closed for six hours',
    'This video can not be played',
    'Getty Images',
    'AFP / Stringer',
    'Эту новость можно прочитать на других языках: Қазақша',
    'Бұл жаңалықты басқа тілдерде оқи аласыз: Русский',
    'Read in other languages: Русский, Қазақша',
    'NUR.KZ Telegram-арнасына жазылыңыз: Қазақстан мен әлемнің басты жаңалықтары',
    'Маңызды оқиғалардан хабардар болу үшін Kazinform Telegram-арнасына жазылыңыз.',
    'Vlast.kz Telegram-арнасына жазылыңыз',
    'Чтобы первыми узнавать главные новости, подписывайтесь на Telegram-канал Sputnik Казахстан.',
    'Advertisement:',
    'Реклама.',
    '(Credit: Clayton Aldern / Grist)',
    'Photo credit: AP',
    'Фото предоставлено пресс-службой',
    'Фото пресс-службы акимата Алматы',
    'Видео из соцсетей',
  ];
  it.each(furniture)('drops %s', (text) => expect(isFurnitureText(text)).toBe(true));

  const body = [
    'Президент отметил ключевые цели организации:',
    'обмеление водоемов;',
    '2026 год станет 25-летием ШОС, и Казахстан настаивает на вдумчивой подготовке к этой дате для получения практических результатов.',
    '– Мы с оптимизмом смотрим на будущее Шанхайской организации сотрудничества.',
    'Копирование ключей зажигания без разрешения владельца стало обычным делом, отмечают в полиции.',
    'Reuters reported that the talks would resume on Monday.',
    'Фото из архива семьи помогли следствию установить личность погибшего.',
    'Смотрите, что получилось: участники форума обсудили экологию.',
    'By contrast, the tenge strengthened by 2% in March.',
    'Инициативы Казахстана:',
    'Азаматтар электрондық үкімет порталы арқылы кезекке жазылыңыз деп кеңес берді.',
    'Жителей призвали подписываться на уведомления акимата о перебоях с водой.',
    'Credit card debt rose by 4% in the first quarter, the central bank said in its quarterly report.',
    'Реклама алкоголя в интернете будет запрещена с сентября.',
    'Фото предоставлено следствию соседями погибшего, которые снимали пожар с балкона и передали запись полиции в тот же вечер.',
  ];
  it.each(body)('keeps %s', (text) => expect(isFurnitureText(text)).toBe(false));
});

describe('isEndHeading', () => {
  it('knows the headings of related-news blocks', () => {
    for (const t of ['Другие новости', 'Похожие новости', 'Читайте также', 'Самое читаемое', 'Related', 'More from BBC News', 'Басқа жаңалықтар']) {
      expect(isEndHeading(block(t, 0, 'h3'))).toBe(true);
    }
  });
  it('leaves ordinary subheadings alone', () => {
    expect(isEndHeading(block('Ключевые экономические показатели', 0, 'h3'))).toBe(false);
  });
});

describe('isLinkLine', () => {
  it('drops a linked headline and keeps a sentence that links a name', () => {
    expect(isLinkLine(block('Токаев прибыл в Тяньцзинь на саммит ШОС', 39))).toBe(true);
    expect(isLinkLine(block('Касым-Жомарт Токаев подписал указ.', 19))).toBe(false);
  });
});

describe('isAiSummaryLabel', () => {
  it('knows machine-made summary labels in Russian and English', () => {
    for (const t of ['Краткий пересказ от РИА ИИ', 'Пересказ YandexGPT', 'Кратко от ИИ:', 'ИИ-пересказ', 'AI summary', 'Key points by AI']) {
      expect(isAiSummaryLabel(t), t).toBe(true);
    }
  });
  it('leaves editors\' summaries and sentences alone', () => {
    for (const t of ['Главное', 'Кратко', 'Summary', 'Пересказ событий недели', 'Коротко о главном', 'Краткий пересказ романа занял у автора две страницы, написанные без ИИ']) {
      expect(isAiSummaryLabel(t), t).toBe(false);
    }
  });
});
