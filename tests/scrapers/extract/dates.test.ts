import { describe, expect, it } from 'vitest';
import { localToUtc, parseDate } from '../../../src/scrapers/extract/dates.js';

const almaty = { timezone: 'Asia/Almaty', now: new Date('2026-02-28T10:00:00.000Z') };
const aqtau = { timezone: 'Asia/Aqtau', now: new Date('2026-02-28T10:00:00.000Z') };

describe('parseDate', () => {
  const table: Array<[string, string, typeof almaty, string | null]> = [
    ['akorda long Russian date (before 2024, UTC+6)', '28 февраля 2007 года', almaty, '2007-02-27T18:00:00.000Z'],
    ['header clock with a weekday and a capitalised month (UTC+5)', 'Суббота, 28 Февраля 2026', almaty, '2026-02-27T19:00:00.000Z'],
    ['numeric day.month.year', '27.02.2026', almaty, '2026-02-26T19:00:00.000Z'],
    ['zakon time before date', '13:51, 15 августа 2025', almaty, '2025-08-15T08:51:00.000Z'],
    ['inform nominative month', '15 Август 2025', almaty, '2025-08-14T19:00:00.000Z'],
    ['inform nominative month with time', '13:51, 15 Август 2025', almaty, '2025-08-15T08:51:00.000Z'],
    ['tengrinews date then time', '10 декабря 2024, 13:02', almaty, '2024-12-10T08:02:00.000Z'],
    ['today with a time', 'сегодня, 13:51', almaty, '2026-02-28T08:51:00.000Z'],
    ['yesterday with a time', 'вчера, 09:05', almaty, '2026-02-27T04:05:00.000Z'],
    ['English yesterday', 'Yesterday, 09:05', almaty, '2026-02-27T04:05:00.000Z'],
    ['vlast numeric date and time (2019, UTC+6)', '11.12.2019, 11:27', almaty, '2019-12-11T05:27:00.000Z'],
    ['Kazakh year-first date', '2007 жылғы 28 ақпан', almaty, '2007-02-27T18:00:00.000Z'],
    ['Kazakh date with Saturday (сенбі is not September)', 'Сенбі, 28 ақпан 2026', almaty, '2026-02-27T19:00:00.000Z'],
    ['English month first without comma', 'May 28 2026', almaty, '2026-05-27T19:00:00.000Z'],
    ['English day first', '28 May 2026', almaty, '2026-05-27T19:00:00.000Z'],
    ['English with comma and time', 'May 28, 2026 10:15', almaty, '2026-05-28T05:15:00.000Z'],
    ['English with PM', 'May 28, 2026 10:15 PM', almaty, '2026-05-28T17:15:00.000Z'],
    ['unix seconds', '1700000000', almaty, '2023-11-14T22:13:20.000Z'],
    ['ISO with offset', '2024-07-04T10:00:00+06:00', almaty, '2024-07-04T04:00:00.000Z'],
    ['ISO with Z and fraction', '2025-09-01T07:51:00.250Z', almaty, '2025-09-01T07:51:00.250Z'],
    ['ISO without zone is local (after the change)', '2024-07-04T10:00:00', almaty, '2024-07-04T05:00:00.000Z'],
    ['ISO date only is local midnight', '2024-07-04', almaty, '2024-07-03T19:00:00.000Z'],
    ['last day on UTC+6', '2024-02-29 12:00', almaty, '2024-02-29T06:00:00.000Z'],
    ['first day on UTC+5', '2024-03-01 12:00', almaty, '2024-03-01T07:00:00.000Z'],
    ['Russian words on the last day of UTC+6', '29 февраля 2024, 12:00', almaty, '2024-02-29T06:00:00.000Z'],
    ['Russian words on the first day of UTC+5', '1 марта 2024, 12:00', almaty, '2024-03-01T07:00:00.000Z'],
    ['lada.kz before 2024 is UTC+5 in Aqtau', '10 декабря 2019, 13:02', aqtau, '2019-12-10T08:02:00.000Z'],
    ['the same wall clock in Almaty is UTC+6', '10 декабря 2019, 13:02', almaty, '2019-12-10T07:02:00.000Z'],
    ['lada.kz after 2024 in Aqtau', '2025-09-01 18:40', aqtau, '2025-09-01T13:40:00.000Z'],
    ['RFC 2822 from a feed', 'Mon, 01 Sep 2025 13:51:00 +0600', almaty, '2025-09-01T07:51:00.000Z'],
    ['RFC 2822 in GMT', 'Mon, 01 Sep 2025 07:51:00 GMT', almaty, '2025-09-01T07:51:00.000Z'],
    ['minutes ago', '5 минут назад', almaty, '2026-02-28T09:55:00.000Z'],
    ['a date without a year is the latest one not in the future', '15 августа, 13:51', almaty, '2025-08-15T08:51:00.000Z'],
    ['slashes, day first', '27/02/2026 09:00', almaty, '2026-02-27T04:00:00.000Z'],
    ['a heading is not a date', 'Другие новости', almaty, null],
    ['an impossible day', '31.02.2026', almaty, null],
    ['a bare time names no day', '13:51', almaty, null],
    ['empty text', '   ', almaty, null],
  ];
  it.each(table)('reads %s', (_name, text, opts, expected) => {
    expect(parseDate(text, opts)).toBe(expected);
  });
});

describe('localToUtc', () => {
  it('uses UTC+6 in Almaty before 1 March 2024 and UTC+5 from then on', () => {
    expect(localToUtc({ year: 2024, month: 2, day: 29, hour: 12 }, 'Asia/Almaty')).toBe('2024-02-29T06:00:00.000Z');
    expect(localToUtc({ year: 2024, month: 3, day: 1, hour: 12 }, 'Asia/Almaty')).toBe('2024-03-01T07:00:00.000Z');
  });
  it('uses UTC+5 in Aqtau on both sides of the change', () => {
    expect(localToUtc({ year: 2024, month: 2, day: 29, hour: 12 }, 'Asia/Aqtau')).toBe('2024-02-29T07:00:00.000Z');
    expect(localToUtc({ year: 2024, month: 3, day: 1, hour: 12 }, 'Asia/Aqtau')).toBe('2024-03-01T07:00:00.000Z');
  });
  it('reads midnight when no time is given', () => {
    expect(localToUtc({ year: 2007, month: 2, day: 28 }, 'Asia/Almaty')).toBe('2007-02-27T18:00:00.000Z');
  });
});
