import { describe, expect, it } from 'vitest';
import { resolveApiPath } from './api-url';
import { formatDateTime, graveTitle, looksLikeMobile, preferredDateRange, shanghaiDate } from './sweep-format';

describe('sweep formatting', () => {
  it('offers preferred dates from tomorrow to 90 days ahead in Shanghai, starting three days out', () => {
    // 15:30 UTC on 1 April is 23:30 on 1 April in Shanghai.
    const now = new Date('2026-04-01T15:30:00Z');
    expect(shanghaiDate(now)).toBe('2026-04-01');
    expect(preferredDateRange(now)).toEqual({ start: '2026-04-02', end: '2026-06-30', initial: '2026-04-04' });
    // Half an hour later it is 2 April in Shanghai while UTC is still 1 April.
    expect(preferredDateRange(new Date('2026-04-01T16:30:00Z')).start).toBe('2026-04-03');
  });

  it('shows times in Shanghai whatever the offset they come with', () => {
    expect(formatDateTime('2026-04-02T02:05:00Z')).toBe('2026-04-02 10:05');
    expect(formatDateTime('2026-04-02T10:05:00+08:00')).toBe('2026-04-02 10:05');
    expect(formatDateTime('not a date')).toBe('');
  });

  it('names the grave by the martyr, else by the description', () => {
    expect(graveTitle({ martyrName: '张英' })).toBe('张英烈士');
    expect(graveTitle({ graveDescription: '东区三排12号' })).toBe('东区三排12号');
    expect(graveTitle({})).toBe('烈士墓');
  });

  it('accepts mainland mobile numbers with spaces or dashes and refuses others', () => {
    expect(looksLikeMobile('138 1234 5678')).toBe(true);
    expect(looksLikeMobile('138-1234-5678')).toBe(true);
    expect(looksLikeMobile('12812345678')).toBe(false);
    expect(looksLikeMobile('1381234567')).toBe(false);
  });

  it('resolves API paths against the API origin for the mini-program and keeps them for H5', () => {
    expect(resolveApiPath('/api/v1/files/abc?sig=x', '/api/v1')).toBe('/api/v1/files/abc?sig=x');
    expect(resolveApiPath('/api/v1/files/abc?sig=x', 'https://api.example.cn/api/v1')).toBe('https://api.example.cn/api/v1/files/abc?sig=x');
    expect(resolveApiPath('https://cdn.example.cn/a.png', 'https://api.example.cn/api/v1')).toBe('https://cdn.example.cn/a.png');
  });
});
