import { useEffect, useState } from 'react';
import { useAsync, type AsyncState } from '@/hooks/use-async';
import { useSubmit } from '@/hooks/use-submit';
import { getSlotTemplate, putSlotTemplate } from '@/services/bookings';
import { ApiError } from '@/services/request';
import type { SlotTemplateView } from '@/types/api';
import { defaultForm, formFromTemplate, slotTemplateProblems, templateBody, type FormProblem, type SlotTemplateForm } from '../utils/slot-template-form';

export interface SlotTemplateEditorState {
  /** The stored template; `data` null when the site has none yet. */
  template: AsyncState<SlotTemplateView | null>;
  form: SlotTemplateForm;
  update: (change: (form: SlotTemplateForm) => SlotTemplateForm) => void;
  /** What stops the last save attempt, by the form's order (empty until one is tried). */
  problems: FormProblem[];
  /** Saves; resolves true when the server took the template. */
  save: () => Promise<boolean>;
  saving: boolean;
  /**
   * The server's refusal of the last save: its message, and for 400 the fields it named. A 409 means
   * a change would strand booked visitors (fewer seats than booked, a booked slot removed or closed).
   */
  error: { message: string; details: string[]; conflict: boolean } | null;
  /** The template as last loaded or saved. */
  current: SlotTemplateView | null;
}

function detailsOf(error: unknown): string[] {
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return [];
  return (error.details as Array<{ path?: unknown; message?: unknown }>).map((d) => String(d.message ?? '')).filter(Boolean);
}

/** The editor of a site's booking slots: weekly slots, special dates, booking window and cut-off. */
export function useSlotTemplate(siteId: string | undefined): SlotTemplateEditorState {
  const template = useAsync(() => getSlotTemplate(siteId!), [siteId], !!siteId);
  const [form, setForm] = useState<SlotTemplateForm>(defaultForm);
  const [saved, setSaved] = useState<SlotTemplateView | null>(null);
  const [problems, setProblems] = useState<FormProblem[]>([]);
  const current = saved ?? template.data ?? null;

  useEffect(() => {
    if (template.data !== undefined) {
      setSaved(null);
      setForm(template.data ? formFromTemplate(template.data) : defaultForm());
    }
  }, [template.data]);

  const submit = useSubmit(async () => {
    const found = slotTemplateProblems(form);
    setProblems(found);
    if (found.length > 0) throw new Error('请先改正标出的内容');
    const stored = await putSlotTemplate(siteId!, templateBody(form, current));
    setSaved(stored);
    setForm(formFromTemplate(stored));
  });

  const apiError = submit.error instanceof ApiError ? submit.error : null;
  return {
    template,
    form,
    update: (change) => setForm((f) => change(f)),
    problems,
    save: submit.submit,
    saving: submit.pending,
    error: submit.error && (apiError || problems.length === 0) ? { message: submit.error.message, details: detailsOf(submit.error), conflict: apiError?.status === 409 } : null,
    current,
  };
}
