import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { SweepProof } from '@/types/api';
import { ProofGallery } from '.';

function proof(overrides: Partial<SweepProof> = {}): SweepProof {
  return {
    photos: [
      { id: 'a'.repeat(24), url: `/api/v1/files/${'a'.repeat(24)}?exp=1&sig=s1` },
      { id: 'b'.repeat(24), url: `/api/v1/files/${'b'.repeat(24)}?exp=1&sig=s2` },
    ],
    takenAt: '2026-04-02T02:05:00Z',
    location: { lat: 30.54, lng: 114.36 },
    distanceMeters: 12,
    reference: 'grave',
    flags: [],
    checklist: ['take_photos', 'wipe_headstone', 'lay_flowers'],
    submittedAt: '2026-04-02T02:10:00Z',
    ...overrides,
  };
}

describe('ProofGallery', () => {
  it('shows every photo by its signed link, the capture time in Shanghai, the distance to the grave and the checklist', () => {
    const onPreview = vi.fn();
    render(<ProofGallery proof={proof()} onPreview={onPreview} />);
    const photos = screen.getAllByTestId('proof-photo');
    expect(photos.map((p) => p.getAttribute('src'))).toEqual([`/api/v1/files/${'a'.repeat(24)}?exp=1&sig=s1`, `/api/v1/files/${'b'.repeat(24)}?exp=1&sig=s2`]);
    expect(screen.getByTestId('proof-taken-at').textContent).toContain('2026-04-02 10:05');
    expect(screen.getByTestId('proof-distance').textContent).toContain('距墓位：12 米');
    const checks = screen.getByTestId('proof-checklist').querySelectorAll('[data-done="1"]');
    expect([...checks].map((c) => c.getAttribute('data-item'))).toEqual(['wipe_headstone', 'lay_flowers', 'take_photos']);
    expect(screen.queryByTestId('proof-flags')).toBeNull();
    fireEvent.click(photos[1]!);
    expect(onPreview).toHaveBeenCalledWith(expect.any(Array), `/api/v1/files/${'b'.repeat(24)}?exp=1&sig=s2`);
  });

  it('says plainly when the proof was taken far from the grave or outside the job, and measures against the site when the grave is unknown', () => {
    render(<ProofGallery proof={proof({ flags: ['too_far', 'outside_window'], distanceMeters: 1250, reference: 'site' })} />);
    const flags = screen.getByTestId('proof-flags');
    expect(flags.getAttribute('role')).toBe('alert');
    expect(flags.textContent).toContain('凭证待核实');
    expect(flags.textContent).toContain('超过 300 米');
    expect(flags.textContent).toContain('拍摄时间不在受理至完成期间');
    expect(screen.getByTestId('proof-distance').textContent).toContain('距纪念设施：1.3 公里');
  });
});
