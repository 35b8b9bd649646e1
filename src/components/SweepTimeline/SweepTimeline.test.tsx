import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { SweepTimeline } from '.';

describe('SweepTimeline', () => {
  it('lists every step oldest first with when and who, and the note of a flagged or refused step', () => {
    render(
      <SweepTimeline
        history={[
          { status: 'submitted', at: '2026-04-01T01:00:00Z', actor: { id: 'f', role: 'family' } },
          { status: 'accepted', from: 'submitted', at: '2026-04-01T02:00:00Z', actor: { id: 's', role: 'staff', name: 'staff1' } },
          { status: 'rejected', from: 'accepted', at: '2026-04-01T03:00:00Z', actor: { id: 's', role: 'staff', name: 'staff1' }, note: '墓位已迁葬' },
        ]}
      />,
    );
    const steps = screen.getByTestId('sweep-timeline').children;
    expect([...steps].map((s) => s.getAttribute('data-status'))).toEqual(['submitted', 'accepted', 'rejected']);
    expect(steps[0]!.textContent).toContain('2026-04-01 09:00 · 家属');
    expect(steps[1]!.textContent).toContain('工作人员 staff1');
    expect(steps[2]!.textContent).toContain('墓位已迁葬');
  });
});
