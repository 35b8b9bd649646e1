import { describe, expect, it } from 'vitest';
import type { AdminMartyr } from '@/types/api';
import { createBody, martyrForm, martyrFormError, martyrPatch } from './martyr-form';

const stored: AdminMartyr = {
  id: 'm1',
  siteId: 's1',
  name: '张三',
  gender: 'male',
  birthYear: 1920,
  deathYear: 1947,
  hometown: '湖北黄陂',
  tributeCount: 0,
  version: 3,
  updatedAt: '2026-01-01T00:00:00Z',
};

describe('martyr editor form', () => {
  it('asks for a name and four-digit years in order', () => {
    expect(martyrFormError(martyrForm())).toBe('请填写姓名');
    expect(martyrFormError({ ...martyrForm(stored), birthYear: '19' })).toBe('年份应为四位数字');
    expect(martyrFormError({ ...martyrForm(stored), birthYear: '1950' })).toBe('出生年份不能晚于牺牲年份');
    expect(martyrFormError(martyrForm(stored))).toBeNull();
  });

  it('creates with trimmed values and only the fields filled in', () => {
    expect(createBody({ ...martyrForm(), name: ' 李四 ', deathYear: '1938', unit: '  ' })).toEqual({ name: '李四', deathYear: 1938 });
  });

  it('patches only what changed, clearing emptied fields with null', () => {
    const form = { ...martyrForm(stored), hometown: '', deathYear: '1948', unit: '新四军' };
    expect(martyrPatch(stored, form)).toEqual({ hometown: null, deathYear: 1948, unit: '新四军' });
    expect(martyrPatch(stored, martyrForm(stored))).toEqual({});
  });
});
