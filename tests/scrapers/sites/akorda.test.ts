import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawPages } from '../../../src/db/queries.js';
import { akorda } from '../../../src/scrapers/sites/akorda.js';
import { crawlFixtureSite, FIXTURE_SITES, type FixtureCrawl } from '../../helpers/pipeline.js';
import { expectStored } from '../../helpers/stored.js';

const NOW = new Date('2026-02-28T06:00:00Z');
const BASE = 'https://www.akorda.kz';
const A1 = `${BASE}/ru/otdelno-glava-gosudarstva-ostanovilsya-na-neobhodimosti-reformirovaniya-i-modernizacii-shos-471043`;
const A2 = `${BASE}/ru/prezidenty-kazahstana-i-serbii-proveli-peregovory-v-uzkom-sostave-527461`;
const A3 = `${BASE}/en/presidents-of-kazakhstan-and-serbia-held-talks-in-expanded-format-527470`;
const A4 = `${BASE}/kz/memleket-basshysy-vashingtonda-otandastarymen-kezdesti-526980`;
/** The speeches and addresses listings of each language. */
const S_RU = `${BASE}/ru/vystuplenie-glavy-gosudarstva-kasym-zhomarta-tokaeva-na-plenarnom-zasedanii-astaninskogo-mezhdunarodnogo-foruma-1083098`;
const S_KZ = `${BASE}/kz/memleket-basshysy-kasym-zhomart-tokaevtyn-astana-halykaralyk-forumynyn-plenarlyk-otyrysyndagy-sozi-1083101`;
const S_EN = `${BASE}/en/speech-by-president-kassym-jomart-tokayev-at-the-plenary-session-of-the-astana-international-forum-1083104`;
const ADR_RU = `${BASE}/ru/addresses/addresses_of_president/poslanie-prezidenta-respubliki-kazahstan-nnazarbaeva-narodu-kazahstana-28-fevralya-2007-g`;
const ADR_KZ = `${BASE}/kz/addresses/addresses_of_president/kazakstan-respublikasynyn-prezidenti-nnazarbaevtyn-kazakstan-halkyna-zholdauy-2007-zhylgy-28-akpan`;
const ADR_EN = `${BASE}/en/addresses/addresses_of_president/address-of-the-president-of-the-republic-of-kazakhstan-nursultan-nazarbayev-to-the-people-of-kazakhstan-february-28-2007`;

/**
 * Seed 000: the SCO summit in Astana. Not stored: the header's clock, the title repeated as a lead, the
 * "✔️" line, the second copy of the closing paragraphs, the akorda.kz credit, "Назад", "Другие новости" and
 * the Alison CMS footer.
 */
const A1_PARAGRAPHS = [
  "– В условиях стремительных глобальных изменений перед нами стоит насущная задача дальнейшего совершенствования деятельности ШОС. Продолжающийся процесс расширения Организации открывает новые возможности и придает импульс ее развитию. Наша страна, будучи председателем ШОС, представила свои сбалансированные предложения по трансформации Организации в еще более эффективный многосторонний механизм сотрудничества. В частности, мы выступаем за усиление роли Секретариата ШОС и Генерального секретаря, – подчеркнул Президент.",
  "Как отметил лидер Казахстана, все высказанные предложения продиктованы искренним стремлением внести посильную лепту в достижение общих благородных целей, которые разделяют все страны ШОС.",
  "В заключение Глава нашего государства поблагодарил всех участников мероприятия за поддержку. Он сердечно поздравил Председателя Китайской Народной Республики Си Цзиньпина с принятием председательства в Совете глав государств – членов ШОС и пожелал китайской стороне успехов.",
  "Подводя итоги заседания, Касым-Жомарт Токаев отметил, что был обсужден широкий спектр вопросов по дальнейшему продвижению многопланового сотрудничества, определен вектор дальнейшего развития нашей Организации.",
  "– Мы с оптимизмом смотрим на будущее Шанхайской организации сотрудничества. Уверен, документы, которые мы сейчас подпишем, откроют новую страницу сотрудничества в рамках ШОС, будут содействовать системному и всестороннему развитию нашей Организации, – подчеркнул Президент Казахстана.",
  "На саммите также выступили Президент Республики Беларусь Александр Лукашенко, исполняющий обязанности Президента Исламской Республики Иран Мохаммед Мохбер, Председатель Китайской Народной Республики Си Цзиньпин, Президент Кыргызской Республики Садыр Жапаров, Премьер-министр Исламской Республики Пакистан Шахбаз Шариф, Президент Российской Федерации Владимир Путин, Президент Республики Таджикистан Эмомали Рахмон, Президент Республики Узбекистан Шавкат Мирзиёев, министр иностранных дел Республики Индия Субраманьям Джайшанкар, Генеральный секретарь ШОС Чжан Мин, директор Исполнительного комитета Региональной антитеррористической структуры ШОС Руслан Мирзаев."
];
/** Built by the page's own script from a JSON blob: only the browser sees it. */
const A2_PARAGRAPHS = [
  "Касым-Жомарт Токаев приветствовал Александра Вучича в Акорде и отметил, что его государственный визит придает новый импульс казахстанско-сербскому сотрудничеству.",
  "– Мы считаем Сербию очень важным партнером в Европе. Между нашими странами нет никаких политических разногласий, а уровень взаимного доверия позволяет ставить амбициозные задачи, – сказал Президент Казахстана.",
  "Стороны обсудили расширение торгово-экономического взаимодействия, реализацию совместных проектов в сферах энергетики, сельского хозяйства, транспорта и логистики, а также сотрудничество в сфере информационных технологий.",
  "Александр Вучич поблагодарил Главу государства за теплый прием и подчеркнул, что Белград заинтересован в открытии прямого авиасообщения между столицами двух стран.",
  "Лидеры также обменялись мнениями по актуальным вопросам международной и региональной повестки дня."
];
const A3_PARAGRAPHS = [
  "President Kassym-Jomart Tokayev and President of Serbia Aleksandar Vučić held talks in an expanded format at the Akorda.",
  "The Head of State noted that trade between Kazakhstan and Serbia has grown steadily in recent years and proposed to bring it to 100 million US dollars.",
  "– Serbia is an important partner of Kazakhstan in the Western Balkans. We are ready to expand cooperation in industry, agriculture, transport and education, – said Kassym-Jomart Tokayev.",
  "Following the talks, the parties signed a number of documents on cooperation in trade, culture and digital development."
];
const A4_PARAGRAPHS = [
  "Президент Қасым-Жомарт Тоқаев Вашингтонда тұратын отандастарымен кездесті.",
  "Мемлекет басшысы Қазақстанда жүргізіліп жатқан саяси және экономикалық реформалар туралы айтып берді.",
  "– Сіздер Қазақстанның шетелдегі елшілерісіздер. Еліміздің жетістіктерін әлемге таныту – баршамыздың ортақ міндетіміз, – деді Президент.",
  "Кездесу соңында отандастар Мемлекет басшысына өздерінің ұсыныстарын жеткізді."
];

const S_RU_PARAGRAPHS = [
  "Уважаемые участники форума!",
  "Дамы и господа!",
  "Рад приветствовать вас в Астане на ежегодном международном форуме, который стал признанной площадкой для открытого и честного диалога по самым острым вопросам глобальной повестки.",
  "Сегодня мир переживает период глубокой турбулентности. Растет число вооруженных конфликтов, нарастает геополитическое соперничество, подрываются основы международного права. В этих условиях особенно важно сохранить дух взаимного уважения и сотрудничества.",
  "Казахстан последовательно выступает за укрепление центральной роли Организации Объединенных Наций. Мы убеждены, что у дипломатии нет альтернативы, а любые споры должны решаться исключительно мирным путем.",
  "Уверен, что наш форум внесет весомый вклад в поиск ответов на вызовы современности. Желаю всем участникам плодотворной работы!",
];
const S_KZ_PARAGRAPHS = [
  "Құрметті форумға қатысушылар!",
  "Ханымдар мен мырзалар!",
  "Сіздерді жаһандық күн тәртібіндегі ең өзекті мәселелер бойынша ашық әрі шынайы диалогтың танымал алаңына айналған халықаралық форумда Астанада қарсы алуға қуаныштымын.",
  "Бүгінде әлем терең дүрбелең кезеңін бастан кешіп отыр. Қарулы қақтығыстар саны артып, геосаяси бәсекелестік күшейіп, халықаралық құқықтың негіздері әлсіреп барады. Мұндай жағдайда өзара құрмет пен ынтымақтастық рухын сақтау аса маңызды.",
  "Қазақстан Біріккен Ұлттар Ұйымының орталық рөлін нығайтуды дәйекті түрде қолдайды. Дипломатияның баламасы жоқ, кез келген дау тек бейбіт жолмен шешілуі тиіс деп санаймыз.",
  "Форумымыз заман сын-қатерлеріне жауап іздеуге елеулі үлес қосатынына сенімдімін. Барлық қатысушыларға табысты жұмыс тілеймін!",
];
const S_EN_PARAGRAPHS = [
  "Dear participants of the forum!",
  "Ladies and gentlemen!",
  "I am glad to welcome you to Astana for the annual international forum, which has become a recognized platform for an open and honest dialogue on the most pressing issues of the global agenda.",
  "Today the world is going through a period of deep turbulence. The number of armed conflicts is growing, geopolitical rivalry is intensifying, and the foundations of international law are being undermined. In these conditions it is especially important to preserve the spirit of mutual respect and cooperation.",
  "Kazakhstan consistently advocates strengthening the central role of the United Nations. We are convinced that there is no alternative to diplomacy and that any disputes must be resolved exclusively by peaceful means.",
  "I am confident that our forum will make a weighty contribution to the search for answers to the challenges of our time. I wish all participants fruitful work!",
];
const ADR_RU_PARAGRAPHS = [
  "Новый Казахстан в новом мире",
  "Дорогие соотечественники!",
  "Год назад в своем Послании я изложил Стратегию вхождения Казахстана в число 50-ти наиболее конкурентоспособных стран мира. За прошедший год мы добились значительных результатов: экономика выросла более чем на десять процентов, реальные доходы населения увеличились, укрепилась финансовая система.",
  "Сегодня я предлагаю новые задачи, которые выведут нашу страну на качественно новый уровень развития. Наша цель – сделать Казахстан государством, которое уверенно чувствует себя в глобальной экономике и обеспечивает достойную жизнь каждому гражданину.",
  "Первое направление – дальнейшая интеграция Казахстана в мировую экономику и развитие несырьевых отраслей. Второе – повышение качества образования и здравоохранения. Третье – последовательная политическая модернизация и укрепление институтов гражданского общества.",
  "Уверен, что вместе мы справимся с этими задачами и построим новый Казахстан в новом мире.",
];
const ADR_KZ_PARAGRAPHS = [
  "Жаңа әлемдегі жаңа Қазақстан",
  "Қымбатты отандастар!",
  "Бір жыл бұрын өз Жолдауымда мен Қазақстанның әлемдегі бәсекеге барынша қабілетті 50 елдің қатарына кіру стратегиясын баяндадым. Өткен жылы біз елеулі нәтижелерге қол жеткіздік: экономика он пайыздан астам өсті, халықтың нақты табысы артты, қаржы жүйесі нығайды.",
  "Бүгін мен елімізді дамудың сапалы жаңа деңгейіне шығаратын жаңа міндеттерді ұсынамын. Біздің мақсатымыз – Қазақстанды жаһандық экономикада өзін сенімді сезінетін және әрбір азаматқа лайықты өмір қамтамасыз ететін мемлекетке айналдыру.",
  "Бірінші бағыт – Қазақстанның әлемдік экономикаға одан әрі кірігуі және шикізаттық емес салаларды дамыту. Екінші бағыт – білім беру мен денсаулық сақтаудың сапасын арттыру. Үшінші бағыт – дәйекті саяси жаңғырту және азаматтық қоғам институттарын нығайту.",
  "Осы міндеттерді бірлесе жүзеге асырып, жаңа әлемдегі жаңа Қазақстанды құратынымызға сенімдімін.",
];
const ADR_EN_PARAGRAPHS = [
  "New Kazakhstan in a new world",
  "Dear compatriots!",
  "A year ago, in my Address, I set out the Strategy for Kazakhstan to join the 50 most competitive countries of the world. Over the past year we have achieved significant results: the economy has grown by more than ten percent, real incomes of the population have increased and the financial system has become stronger.",
  "Today I propose new tasks that will take our country to a qualitatively new level of development. Our goal is to make Kazakhstan a state that feels confident in the global economy and provides a decent life for every citizen.",
  "The first direction is the further integration of Kazakhstan into the world economy and the development of non-extractive industries. The second is raising the quality of education and health care. The third is consistent political modernization and the strengthening of civil society institutions.",
  "I am confident that together we will cope with these tasks and build a new Kazakhstan in a new world.",
];

describe('akorda.kz', () => {
  let crawl: FixtureCrawl;
  beforeAll(async () => {
    crawl = await crawlFixtureSite(['akorda'], { now: NOW });
  });
  afterAll(async () => {
    await crawl?.close();
  });

  it('stores the articles of its feed and of the events, addresses and speeches listings in ru, kz and en, rendered in the browser', () => {
    const all = [A1, A2, A3, A4, S_RU, S_KZ, S_EN, ADR_RU, ADR_KZ, ADR_EN];
    expect(crawl.articles.map((a) => a.url).sort()).toEqual(all.sort());
    expect(new Set([...rawPages(crawl.kz, { source: 'akorda' })].map((p) => p.renderer))).toEqual(new Set(['browser']));
  });

  it('stores the SCO summit page of seed 000 with the date under its title, not the header clock, and each paragraph once', () => {
    expectStored(crawl, A1, {
      title: 'Отдельно Глава государства остановился на необходимости реформирования и модернизации ШОС',
      lead: null,
      // "4 июля 2024 года": midnight in Astana (UTC+5 since March 2024).
      published: '2024-07-03T19:00:00.000Z',
      modified: null,
      author: null,
      tags: [],
      lang: 'ru',
      paragraphs: A1_PARAGRAPHS,
    });
  });

  it('stores a body that only the page script writes', () => {
    const file = join(FIXTURE_SITES, 'www.akorda.kz', 'ru', `${A2.split('/').pop() as string}.html`);
    const html = readFileSync(file, 'utf8');
    const overHttp = akorda.extract(
      { requestedUrl: A2, url: A2, status: 200, headers: {}, html, charset: 'utf-8', fetchedAt: NOW.toISOString(), renderer: 'http', bytes: html.length, durationMs: 0, notModified: false },
      { sourceId: 'akorda', timezone: akorda.timezone, now: NOW },
    );
    expect(overHttp.ok).toBe(false);
    expectStored(crawl, A2, {
      title: 'Президенты Казахстана и Сербии провели переговоры в узком составе',
      lead: null,
      published: '2026-02-26T19:00:00.000Z',
      modified: null,
      author: null,
      tags: [],
      lang: 'ru',
      paragraphs: A2_PARAGRAPHS,
    });
  });

  it('reads English and Kazakh dates and drops "Go back" and "Артқа"', () => {
    expectStored(crawl, A3, {
      title: 'Presidents of Kazakhstan and Serbia held talks in an expanded format',
      published: '2026-02-26T19:00:00.000Z',
      author: null,
      tags: [],
      lang: 'en',
      paragraphs: A3_PARAGRAPHS,
    });
    expectStored(crawl, A4, {
      title: 'Мемлекет басшысы Вашингтонда отандастарымен кездесті',
      published: '2026-02-18T19:00:00.000Z',
      author: null,
      tags: [],
      lang: 'kk',
      paragraphs: A4_PARAGRAPHS,
    });
  });

  it('stores a speech in each language, with its salutations and without the title repeated in bold, the "✔️" line or "Другие новости"', () => {
    // "29 мая 2025 года", "2025 жылғы 29 мамыр", "May 29 2025": midnight in Astana, UTC+5.
    const published = '2025-05-28T19:00:00.000Z';
    expectStored(crawl, S_RU, {
      title: 'Выступление Главы государства Касым-Жомарта Токаева на пленарном заседании Астанинского международного форума',
      published,
      author: null,
      tags: [],
      lang: 'ru',
      paragraphs: S_RU_PARAGRAPHS,
    });
    expectStored(crawl, S_KZ, {
      title: 'Мемлекет басшысы Қасым-Жомарт Тоқаевтың Астана халықаралық форумының пленарлық отырысындағы сөзі',
      published,
      author: null,
      tags: [],
      lang: 'kk',
      paragraphs: S_KZ_PARAGRAPHS,
    });
    expectStored(crawl, S_EN, {
      title: 'Speech by President Kassym-Jomart Tokayev at the plenary session of the Astana International Forum',
      published,
      author: null,
      tags: [],
      lang: 'en',
      paragraphs: S_EN_PARAGRAPHS,
    });
  });

  it('stores the 2007 address in each language at midnight Astana time (UTC+6 then), not the header clock of 28 February 2026', () => {
    const published = '2007-02-27T18:00:00.000Z';
    expectStored(crawl, ADR_KZ, {
      title: 'Қазақстан Республикасының Президенті Н.Назарбаевтың Қазақстан халқына Жолдауы. 2007 жылғы 28 ақпан',
      published,
      author: null,
      tags: [],
      lang: 'kk',
      paragraphs: ADR_KZ_PARAGRAPHS,
    });
    expectStored(crawl, ADR_RU, {
      title: 'Послание Президента Республики Казахстан Н.Назарбаева народу Казахстана. 28 февраля 2007 г.',
      published,
      author: null,
      tags: [],
      lang: 'ru',
      paragraphs: ADR_RU_PARAGRAPHS,
    });
    expectStored(crawl, ADR_EN, {
      title: 'Address of the President of the Republic of Kazakhstan Nursultan Nazarbayev to the people of Kazakhstan, February 28, 2007',
      published,
      author: null,
      tags: [],
      lang: 'en',
      paragraphs: ADR_EN_PARAGRAPHS,
    });
  });

  it('finds nothing new on the next run, reading only the feed and the first page of each listing', async () => {
    const before = crawl.servers.requests().length;
    const [summary] = await crawl.again();
    expect(summary?.counts.discovered).toBe(0);
    const listings = ['ru', 'kz', 'en'].flatMap((lang) => ['events', 'addresses', 'speeches'].map((section) => `/${lang}/${section}?page=1`));
    expect(crawl.servers.requests().slice(before).map((r) => r.path)).toEqual(['/ru/rss', ...listings]);
  });

  it('keeps to the URL shapes of SITES.md', () => {
    const shapes = {
      '/ru/glava-gosudarstva-prinyal-ministra-ekologii-483750': true,
      '/ru/addresses/addresses_of_president/poslanie-glavy-gosudarstva-kasym-zhomarta-tokaeva-narodu-kazahstana-2025': true,
      '/en/events/international_community/foreign_visits/president-tokayev-arrives-in-tianjin_5123': true,
      '/ru/events?page=2': false,
      '/ru/events': false,
      '/ru/rss': false,
    };
    expect(Object.fromEntries(Object.keys(shapes).map((path) => [path, akorda.articleUrl?.test(`${BASE}${path}`)]))).toEqual(shapes);
  });
});
