import { describe, expect, it } from 'vitest';
import type { AdminMartyr } from '@/types/api';
import { createBody, martyrForm, martyrFormError, martyrPatch } from './martyr-form';

const M: AdminMartyr = { id: 'm1', siteId: 's1', name: '张英', gender: 'male', birthYear: 1920, hometown: '湖北黄陂', tributeCount: 0, version: 3, updatedAt: '2026-01-01T00:00:00Z' };

describe('martyr form', () => {
  it('patches only changed fields and clears emptied ones with null', () => {
    const form = { ...martyrForm(M), hometown: '', deathYear: '1945', unit: '新四军' };
    expect(martyrPatch(M, form)).toEqual({ hometown: null, deathYear: 1945, unit: '新四军' });
    expect(martyrPatch(M, martyrForm(M))).toEqual({});
  });

  it('refuses a missing name, odd years and birth after death', () => {
    expect(martyrFormError({ ...martyrForm(), name: ' ' })).toBe('请填写姓名');
    expect(martyrFormError({ ...martyrForm(M), birthYear: '19' })).toBe('年份应为四位数字');
    expect(martyrFormError({ ...martyrForm(M), deathYear: '1910' })).toBe('出生年份不能晚于牺牲年份');
    expect(martyrFormError(martyrForm(M))).toBeNull();
  });

  it('builds a create body without empty fields', () => {
    expect(createBody({ ...martyrForm(), name: '李明', code: 'M-1', birthYear: '1921' })).toEqual({ name: '李明', code: 'M-1', birthYear: 1921 });
  });
});
