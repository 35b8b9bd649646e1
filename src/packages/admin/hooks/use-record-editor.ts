import { useEffect, useRef, useState } from 'react';
import { useAsync, type AsyncState } from '@/hooks/use-async';
import { useSubmit } from '@/hooks/use-submit';
import { confirm } from '@/platform/ui';
import { createAdminSite, getAdminSite, updateAdminSite } from '@/services/site-admin';
import { ApiError } from '@/services/request';
import type { AdminSite } from '@/types/api';
import { emptyForm, formFromSite, LARGE_MOVE_METERS, moveDistance, patchFromForm, siteFromForm, validateForm, type RecordForm } from '../utils/record-form';

export interface RecordEditorState {
  /** The stored record (absent while creating). */
  site: AsyncState<AdminSite | null>;
  form: RecordForm;
  set: <K extends keyof RecordForm>(key: K, value: RecordForm[K]) => void;
  fieldErrors: Record<string, string>;
  /** The record as last loaded or saved (its version is the one the next save sends). */
  current: AdminSite | null;
  /** Saves; resolves the saved record, or null when nothing was saved (invalid, declined or refused). */
  save: () => Promise<AdminSite | null>;
  saving: boolean;
  /** The last save's failure; `conflict` when someone else saved first (409). */
  error: { message: string; conflict: boolean } | null;
  /** Loads the stored record again, dropping unsaved edits (after a conflict). */
  reload: () => void;
  creating: boolean;
}

/**
 * The editor of one site's file (一处一档): the form, validation, and saving with the version it was
 * loaded at (If-Match). A stale version is refused by the server (409) and shown as a conflict; a move
 * of more than a few kilometres is confirmed first.
 */
export function useRecordEditor(id: string | undefined): RecordEditorState {
  const creating = !id;
  const site = useAsync<AdminSite | null>(() => (id ? getAdminSite(id) : Promise.resolve(null)), [id]);
  const [form, setForm] = useState<RecordForm>(emptyForm);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState<AdminSite | null>(null);
  const current = saved ?? site.data ?? null;
  const lastSaved = useRef<AdminSite | null>(null);

  useEffect(() => {
    if (site.data) {
      setSaved(null);
      setForm(formFromSite(site.data));
    }
  }, [site.data]);

  const submit = useSubmit(async (): Promise<void> => {
    const errors = validateForm(form, creating);
    setFieldErrors(errors);
    if (Object.keys(errors).length > 0) throw new Error('请先改正标出的内容');
    if (creating) {
      const created = await createAdminSite(siteFromForm(form));
      lastSaved.current = created;
      setSaved(created);
      setForm(formFromSite(created));
      return;
    }
    if (!current) return;
    const moved = form.coordSystem === 'gcj02' ? moveDistance(current, form) : 0;
    if (moved > LARGE_MOVE_METERS) {
      const ok = await confirm('确认移动位置', `新位置距原位置约 ${(moved / 1000).toFixed(1)} 公里，确定要移动吗？`);
      if (!ok) throw new Error('已取消保存');
    }
    const updated = await updateAdminSite(current.id, current.version, patchFromForm(current, form));
    lastSaved.current = updated;
    setSaved(updated);
    setForm(formFromSite(updated));
  });

  return {
    site,
    form,
    set: (key, value) => setForm((f) => ({ ...f, [key]: value })),
    fieldErrors,
    current,
    save: async () => {
      lastSaved.current = null;
      return (await submit.submit()) ? lastSaved.current : null;
    },
    saving: submit.pending,
    error: submit.error
      ? {
          message:
            submit.error instanceof ApiError && submit.error.status === 409 && !creating
              ? `您的修改没有保存：${submit.error.message}。`
              : submit.error.message,
          conflict: submit.error instanceof ApiError && submit.error.status === 409 && !creating,
        }
      : null,
    reload: () => {
      setSaved(null);
      site.retry();
    },
    creating,
  };
}
