import type { AdminMartyr, MartyrWrite } from '@/types/api';

/** The martyr editor's text fields. */
export interface MartyrForm {
  code: string;
  name: string;
  gender: '' | 'male' | 'female';
  birthYear: string;
  deathYear: string;
  hometown: string;
  unit: string;
  gravePosition: string;
  deeds: string;
}

export function martyrForm(m?: AdminMartyr): MartyrForm {
  return {
    code: m?.code ?? '',
    name: m?.name ?? '',
    gender: m?.gender ?? '',
    birthYear: m?.birthYear !== undefined ? String(m.birthYear) : '',
    deathYear: m?.deathYear !== undefined ? String(m.deathYear) : '',
    hometown: m?.hometown ?? '',
    unit: m?.unit ?? '',
    gravePosition: m?.gravePosition ?? '',
    deeds: m?.deeds ?? '',
  };
}

/** A problem to fix before saving, or null. */
export function martyrFormError(form: MartyrForm): string | null {
  if (!form.name.trim()) return '请填写姓名';
  for (const y of [form.birthYear, form.deathYear]) if (y && !/^\d{4}$/.test(y)) return '年份应为四位数字';
  if (form.birthYear && form.deathYear && Number(form.birthYear) > Number(form.deathYear)) return '出生年份不能晚于牺牲年份';
  return null;
}

const TEXT_FIELDS = ['name', 'hometown', 'unit', 'gravePosition', 'deeds'] as const;

/** The body of POST /admin/sites/:id/martyrs. */
export function createBody(form: MartyrForm): MartyrWrite {
  const body: MartyrWrite = { name: form.name.trim() };
  if (form.code.trim()) body.code = form.code.trim();
  if (form.gender) body.gender = form.gender;
  if (form.birthYear) body.birthYear = Number(form.birthYear);
  if (form.deathYear) body.deathYear = Number(form.deathYear);
  for (const key of TEXT_FIELDS) if (key !== 'name' && form[key].trim()) body[key] = form[key].trim();
  return body;
}

/** Only the changed fields, for PATCH (`null` clears one). */
export function martyrPatch(m: AdminMartyr, form: MartyrForm): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const key of TEXT_FIELDS) {
    const value = form[key].trim();
    if (value !== (m[key] ?? '')) patch[key] = value === '' ? (key === 'name' ? undefined : null) : value;
  }
  if (form.gender !== (m.gender ?? '')) patch.gender = form.gender || null;
  for (const key of ['birthYear', 'deathYear'] as const) {
    const value = form[key] ? Number(form[key]) : undefined;
    if (value !== m[key]) patch[key] = value ?? null;
  }
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
}
