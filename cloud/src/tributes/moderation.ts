import { Mint } from 'mint-filter';
import { mapGraphemes, replaceInView, sourceSpan, viewOf, type TextView } from './text-view.js';
import { SENSITIVE_WORDS, type SensitiveCategory } from './word-list.js';

/**
 * The local stage of message moderation (DESIGN.md section 4, "Online tribute"), pure and offline:
 *  1. shape checks that make a request invalid (400): empty, too long, control characters;
 *  2. the sensitive-word list (word-list.ts) on a normalised copy of the text;
 *  3. contacts held as advertising: links, e-mail addresses, phone and other long numbers, WeChat/QQ ids;
 *  4. evasion signs: invisible or private-use characters, long runs of one character.
 * Anything found makes the message doubtful (held for review); nothing here publishes on its own in
 * production, where WeChat's content-security check follows.
 */

export const MESSAGE_MAX_CHARS = 200;

export type ModerationReasonCode =
  | 'sensitive_word'
  | 'link'
  | 'email'
  | 'phone'
  | 'contact_number'
  | 'wechat_id'
  | 'invisible_chars'
  | 'repeated_chars'
  | 'content_security'
  | 'content_check_unavailable';

/** Why a message was held; shown to reviewers, never to the public. */
export interface ModerationReason {
  code: ModerationReasonCode;
  category?: SensitiveCategory;
  /** The matched word or a short excerpt, for the reviewer. */
  match?: string;
}

export interface LocalVerdict {
  verdict: 'clean' | 'doubtful';
  reasons: ModerationReason[];
}

/** Counts user-perceived characters as code points, so an emoji or a rare Han character is one. */
export function charCount(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

// C0 and C1 controls except tab and line feed (a pasted CR is folded into LF first).
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/u;

/** Tidies a message as stored: trimmed, CRLF folded, tabs as spaces. */
export function tidyMessage(raw: string): string {
  return raw.replace(/\r\n?/g, '\n').replace(/\t/g, ' ').trim();
}

/** The shape problem of a message, or null when it is acceptable to screen. Messages are already tidied. */
export function messageShapeProblem(text: string): string | null {
  if (text.length === 0) return '寄语不能为空';
  if (charCount(text) > MESSAGE_MAX_CHARS) return `寄语不能超过 ${MESSAGE_MAX_CHARS} 个字`;
  if (CONTROL.test(text)) return '寄语含有不允许的控制字符';
  if ((text.match(/\n/g) ?? []).length > 10) return '寄语的换行过多';
  return null;
}

/** Full-width to half-width, lower case, and only letters and digits kept: what the word list sees. */
export function normalizeForMatching(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

let matcher: { mint: Mint; categories: Map<string, SensitiveCategory> } | null = null;

function wordMatcher(): { mint: Mint; categories: Map<string, SensitiveCategory> } {
  if (matcher) return matcher;
  const categories = new Map<string, SensitiveCategory>();
  for (const [category, words] of Object.entries(SENSITIVE_WORDS) as Array<[SensitiveCategory, readonly string[]]>) {
    for (const word of words) {
      const key = normalizeForMatching(word);
      if (key && !categories.has(key)) categories.set(key, category);
    }
  }
  matcher = { mint: new Mint([...categories.keys()]), categories };
  return matcher;
}

/** The sensitive words found in a text (after normalisation), with their categories. */
export function findSensitiveWords(text: string): Array<{ word: string; category: SensitiveCategory }> {
  const { mint, categories } = wordMatcher();
  const normalized = normalizeForMatching(text);
  if (!normalized) return [];
  const { words } = mint.filter(normalized, { replace: false });
  return [...new Set(words)].map((word) => ({ word, category: categories.get(word) ?? 'profanity' }));
}

const CN_DIGITS: Record<string, string> = {
  零: '0', 〇: '0', 洞: '0',
  一: '1', 壹: '1', 幺: '1', 妖: '1',
  二: '2', 贰: '2', 两: '2',
  三: '3', 叁: '3',
  四: '4', 肆: '4',
  五: '5', 伍: '5',
  六: '6', 陆: '6',
  七: '7', 柒: '7', 拐: '7',
  八: '8', 捌: '8',
  九: '9', 玖: '9', 勾: '9',
};
const CN_DIGIT_CHARS = new RegExp(`[${Object.keys(CN_DIGITS).join('')}]`, 'gu');

// Years, year ranges and dates are the numbers sincere tributes are full of; they must not read as phones.
const YEAR = '(?:1[89]|20)\\d{2}';
const DATES = new RegExp(`${YEAR}\\s*[.\\-/年]\\s*\\d{1,2}\\s*[.\\-/月]\\s*\\d{1,2}\\s*日?`, 'gu');
const YEAR_RANGES = new RegExp(`${YEAR}\\s*年?\\s*[-—–~～至到]+\\s*${YEAR}\\s*年?`, 'gu');

/** The text as patterns see it: full-width folded to half-width (NFKC) and lower case. */
function foldedView(text: string): TextView {
  return mapGraphemes(viewOf(text), (g) => g.normalize('NFKC').toLowerCase());
}

/** A folded view with Chinese numerals as digits, dates and year ranges set aside, and separators between digits removed. */
function digitsOf(folded: TextView): TextView {
  let view = replaceInView(folded, CN_DIGIT_CHARS, (c) => CN_DIGITS[c] ?? c);
  view = replaceInView(view, DATES, () => '·');
  view = replaceInView(view, YEAR_RANGES, () => '·');
  return replaceInView(view, /(?<=\d)[\s\-_.·/、,，。—–~*#+]+(?=\d)/gu, () => '');
}

/** The text with Chinese numerals as digits and separators between digits removed. */
export function digitsView(text: string): string {
  return digitsOf(foldedView(text)).text;
}

const LINK = /(?:https?:\/\/|www\.|[a-z0-9][a-z0-9-]*\s*(?:\.|。|点|點|dot|\(dot\)|\[dot\])\s*(?:com|cn|net|org|top|xyz|vip|cc|me|io|info|co|tv|shop|site|club|wang|ltd|app|link|fun|online|store|hk|tw)(?![a-z]))/iu;
const EMAIL = /[a-z0-9._%+-]+\s*(?:@|＠|艾特)\s*[a-z0-9-]+(?:\.[a-z0-9-]+)+/iu;
const WECHAT_KEYWORD = '(?:微信|威信|薇信|徽信|维信|v信|vx|wx|weixin|wechat|绿泡泡|qq|扣扣|企鹅)';
const WECHAT_ID = new RegExp(`${WECHAT_KEYWORD}\\s*(?:号|id)?\\s*[:：是为\\-]?\\s*[a-z0-9_-]{5,20}`, 'iu');
const WXID = /wxid_[a-z0-9]{4,}/iu;
const MOBILE = /(?:\+?86)?1[3-9]\d{9}/u;
const LONG_NUMBER = /\d{7,}/u;
const INVISIBLE = /[\p{Cf}\p{Co}]/u;
const REPEATED = /(.)\1{7,}/u;

const EXCERPT_MAX_CHARS = 40;

/** At most the first 40 characters (code points) of a text. */
function bounded(text: string): string {
  return Array.from(text).slice(0, EXCERPT_MAX_CHARS).join('');
}

/** What a match in a view quotes to the reviewer: the span of the text as the citizen wrote it. */
function excerpt(view: TextView, match: RegExpExecArray | null): string | undefined {
  return match ? bounded(sourceSpan(view, match.index, match.index + match[0].length)) : undefined;
}

/**
 * Links, e-mail addresses, phone numbers, long numbers and WeChat/QQ ids: all held as advertising. Patterns
 * run on folded views of the text; each reason quotes the part of the text as written that its match came from.
 */
export function findContacts(text: string): ModerationReason[] {
  const reasons: ModerationReason[] = [];
  const folded = foldedView(text);
  const compact = replaceInView(folded, /\s+/gu, () => '');
  const digits = digitsOf(folded);
  const link = LINK.exec(compact.text);
  if (link) reasons.push({ code: 'link', match: excerpt(compact, link) });
  const email = EMAIL.exec(folded.text);
  if (email) reasons.push({ code: 'email', match: excerpt(folded, email) });
  const wechat = WECHAT_ID.exec(digits.text);
  const wxid = wechat ? null : WXID.exec(compact.text);
  if (wechat) reasons.push({ code: 'wechat_id', match: excerpt(digits, wechat) });
  else if (wxid) reasons.push({ code: 'wechat_id', match: excerpt(compact, wxid) });
  const mobile = MOBILE.exec(digits.text);
  if (mobile) reasons.push({ code: 'phone', match: excerpt(digits, mobile) });
  else {
    const long = LONG_NUMBER.exec(digits.text);
    if (long) reasons.push({ code: 'contact_number', match: excerpt(digits, long) });
  }
  return reasons;
}

/** Invisible characters (zero-width, bidi overrides, private use) and long runs of one character. */
export function findEvasion(text: string): ModerationReason[] {
  const reasons: ModerationReason[] = [];
  // U+200D joins emoji sequences (👨‍👩‍👧) and is harmless on its own.
  if (INVISIBLE.test(text.replace(/\u200D/g, ''))) reasons.push({ code: 'invisible_chars' });
  const run = REPEATED.exec(text);
  if (run) reasons.push({ code: 'repeated_chars', match: bounded(run[0]) });
  return reasons;
}

/** The whole local screen of a (shape-checked) message. */
export function screenMessage(text: string): LocalVerdict {
  const reasons: ModerationReason[] = [
    ...findSensitiveWords(text).map(({ word, category }) => ({ code: 'sensitive_word' as const, category, match: word })),
    ...findContacts(text),
    ...findEvasion(text),
  ];
  return { verdict: reasons.length === 0 ? 'clean' : 'doubtful', reasons };
}
