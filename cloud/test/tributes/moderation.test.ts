import { describe, expect, it } from 'vitest';
import {
  charCount,
  digitsView,
  findContacts,
  findSensitiveWords,
  messageShapeProblem,
  normalizeForMatching,
  screenMessage,
  tidyMessage,
} from '../../src/tributes/moderation.js';
import { SENSITIVE_WORDS } from '../../src/tributes/word-list.js';

const codes = (text: string) => screenMessage(text).reasons.map((r) => r.code);

describe('message shape', () => {
  it('counts code points, so 200 Han characters or emoji pass and 201 do not', () => {
    expect(messageShapeProblem('敬'.repeat(200))).toBeNull();
    expect(messageShapeProblem('🌼'.repeat(200))).toBeNull();
    expect(charCount('🌼'.repeat(200))).toBe(200);
    expect(messageShapeProblem('敬'.repeat(201))).toMatch(/200/);
  });

  it('refuses empty text and control characters, folds CRLF and trims', () => {
    expect(messageShapeProblem(tidyMessage('   \n '))).toBe('寄语不能为空');
    expect(messageShapeProblem('英雄\u0007永垂不朽')).toMatch(/控制字符/);
    expect(tidyMessage('  缅怀先烈\r\n永志不忘\t ')).toBe('缅怀先烈\n永志不忘');
    expect(messageShapeProblem('缅怀先烈\n永志不忘')).toBeNull();
  });
});

describe('screenMessage', () => {
  it.each([
    '向革命先烈致敬！你们的精神永垂不朽。',
    '1937年8月入伍，1945年牺牲，年仅二十三岁。',
    '烈士（1921—1949）用炸药包炸毁敌人碉堡，打鬼子，保家卫国。',
    '1949年10月1日，新中国成立了，您看到了吗？',
    '中国共产党党员，毛主席的好战士，参加群众运动，抗日结束后又投身解放战争。',
    '我们通过微信小程序来祭扫，献上一束花 🌼🕯️',
    'Rest in peace, hero. We remember you.',
  ])('publishes a sincere tribute: %s', (text) => {
    expect(screenMessage(text)).toEqual({ verdict: 'clean', reasons: [] });
  });

  it.each([
    ['操你妈', 'profanity'],
    ['傻 逼', 'profanity'],
    ['ＣＮＭ', 'profanity'],
    ['加.微.信了解', 'ads'],
    ['兼职刷单日赚三百', 'ads'],
    ['裸聊约炮', 'porn'],
    ['出售枪支', 'illegal'],
    ['这些假英雄死得好', 'political'],
    ['天皇万岁', 'political'],
  ])('holds %s for review as %s', (text, category) => {
    const verdict = screenMessage(text);
    expect(verdict.verdict).toBe('doubtful');
    expect(verdict.reasons).toContainEqual(expect.objectContaining({ code: 'sensitive_word', category }));
  });

  it('holds links, including spelled-out dots and full-width characters', () => {
    for (const text of ['详情见 https://example.org/a', '访问 www.abc.net', '搜 abc点com 有惊喜', '去ｘｙｚ．ｃｏｍ看看', 'abc . cn']) {
      expect(codes(text), text).toContain('link');
    }
  });

  it('holds phone numbers however they are written', () => {
    for (const text of ['电话13812345678', '138-1234-5678', '1 3 8 1 2 3 4 5 6 7 8', '幺三八一二三四五六七八', '+86 139 0000 1111', '①③⑧①②③④⑤⑥⑦⑧']) {
      expect(codes(text), text).toContain('phone');
    }
  });

  it('holds WeChat and QQ ids, e-mail addresses and other long numbers', () => {
    expect(codes('我的vx: hero_2025a')).toContain('wechat_id');
    expect(codes('微信号是 abcdef123')).toContain('wechat_id');
    expect(codes('wxid_ab12cd34')).toContain('wechat_id');
    expect(codes('扣扣 12345678')).toContain('wechat_id');
    expect(codes('联系 someone@example.com')).toContain('email');
    expect(codes('座机 027 8765 4321')).toContain('contact_number');
  });

  it('does not read years, dates and year ranges as phone numbers', () => {
    expect(digitsView('1931-1945')).not.toMatch(/\d{7}/);
    expect(findContacts('生于1920年，卒于1949.10.01，享年二十九岁（1920—1949）')).toEqual([]);
  });

  it('holds invisible characters and long runs of one character, but not emoji sequences', () => {
    expect(codes('致\u200B敬')).toContain('invisible_chars');
    expect(codes('致敬\u202E先烈')).toContain('invisible_chars');
    expect(codes('啊啊啊啊啊啊啊啊啊')).toContain('repeated_chars');
    expect(codes('全家来祭扫 👨‍👩‍👧')).toEqual([]);
  });
});

describe('what a held contact quotes to the reviewer', () => {
  const quoted = (text: string, code: string) => findContacts(text).find((r) => r.code === code)?.match;

  it.each([
    ['a WeChat id followed by a Chinese numeral', 'wx19401 一起', 'wechat_id', 'wx19401 一'],
    ['a phone in Chinese numerals', '请拨幺三八一二三四五六七八谢谢', 'phone', '幺三八一二三四五六七八'],
    ['a phone in full-width digits', '电话：１３８１２３４５６７８。', 'phone', '１３８１２３４５６７８'],
    ['a phone with separators inside', '电话 138-1234 5678 谢谢', 'phone', '138-1234 5678'],
    ['a phone in circled digits', '①③⑧①②③④⑤⑥⑦⑧', 'phone', '①③⑧①②③④⑤⑥⑦⑧'],
    ['a landline with spaces', '座机 027 8765 4321', 'contact_number', '027 8765 4321'],
    ['a WeChat id in upper case and full width', '加ＶＸ：Hero_2025A 详谈', 'wechat_id', 'ＶＸ：Hero_2025A'],
    ['a QQ number in Chinese numerals', '扣扣 一二三四五六七八', 'wechat_id', '扣扣 一二三四五六七八'],
    ['a wxid with spaces', 'WXID_ ab12 cd34', 'wechat_id', 'WXID_ ab12 cd34'],
    ['a link in full width', '去ｘｙｚ．ｃｏｍ看看', 'link', 'ｘｙｚ．ｃｏｍ'],
    ['a link with spaces around the dot', 'ABC . CN', 'link', 'ABC . CN'],
    ['an e-mail with a full-width at sign', '联系 Someone＠Example.com 吧', 'email', 'Someone＠Example.com'],
  ])('quotes %s as written', (_situation, text, code, expected) => {
    expect(quoted(text, code)).toBe(expected);
  });

  it('quotes a part of the text as written, never its folded copy, and at most 40 characters', () => {
    const long = `联系：${'一二三四五六七八九〇'.repeat(6)}`;
    const texts = [
      'wx19401 一起',
      '我的微信是 ＡＢＣ－１２３４５ 一定要加',
      '电话一三八 一二三四 五六七八，幺三九零零零零一一一一',
      'Ｗｗｗ．Ｅｘａｍｐｌｅ．ＣＯＭ',
      '生于1920年，电话138.1234.5678',
      long,
    ];
    for (const text of texts) {
      const reasons = findContacts(text);
      expect(reasons.length, text).toBeGreaterThan(0);
      for (const { match } of reasons) {
        expect(text, `${text} → ${match}`).toContain(match);
        expect(charCount(match ?? ''), match).toBeLessThanOrEqual(40);
      }
    }
    expect(quoted(long, 'contact_number')).toBe('一二三四五六七八九〇'.repeat(4));
  });
});

describe('the word list', () => {
  it('normalises every listed word to a non-empty key and finds each of them in a sentence', () => {
    for (const words of Object.values(SENSITIVE_WORDS)) {
      for (const word of words) {
        expect(normalizeForMatching(word), word).not.toBe('');
        expect(findSensitiveWords(`前文${word}后文`).map((f) => f.word), word).toContain(normalizeForMatching(word));
      }
    }
  });
});
