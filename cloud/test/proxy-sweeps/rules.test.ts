import { describe, expect, it } from 'vitest';
import { SWEEP_STATUSES, type SweepActionName } from '../../src/contracts/proxy-sweeps.js';
import { preferredDateProblem, preferredDateWindow, shanghaiDate } from '../../src/proxy-sweeps/dates.js';
import { assessProof, CLOCK_TOLERANCE_MS, describeFlags } from '../../src/proxy-sweeps/proof.js';
import { actionsFor, assertTransition, isFinal, nextStatus, TRANSITIONS } from '../../src/proxy-sweeps/state-machine.js';

describe('proxy sweep state machine', () => {
  it('walks the happy path submitted → accepted → in_progress → completed → confirmed', () => {
    expect(nextStatus('submitted', 'accept')).toBe('accepted');
    expect(nextStatus('accepted', 'start')).toBe('in_progress');
    expect(nextStatus('in_progress', 'complete')).toBe('completed');
    expect(nextStatus('completed', 'confirm')).toBe('confirmed');
  });

  it('refuses every transition not in the table with 409 CONFLICT naming the current state', () => {
    const actions = Object.keys(TRANSITIONS) as SweepActionName[];
    let refused = 0;
    for (const status of SWEEP_STATUSES) {
      for (const action of actions) {
        if (TRANSITIONS[action].from.includes(status)) {
          expect(assertTransition(status, action)).toBe(TRANSITIONS[action].to);
        } else {
          refused++;
          expect(() => assertTransition(status, action)).toThrow(expect.objectContaining({ code: 'CONFLICT', status: 409, details: expect.objectContaining({ status, action }) }));
        }
      }
    }
    // 7 states × 6 actions, of which 8 pairs are allowed.
    expect(refused).toBe(7 * 6 - 8);
  });

  it('allows cancel only while submitted or accepted, and confirm only once completed', () => {
    expect(nextStatus('in_progress', 'cancel')).toBeNull();
    expect(nextStatus('completed', 'cancel')).toBeNull();
    expect(nextStatus('confirmed', 'confirm')).toBeNull();
    expect(nextStatus('submitted', 'complete')).toBeNull();
  });

  it('offers each party only its own actions, and nothing in final states', () => {
    expect(actionsFor('submitted', 'family')).toEqual(['cancel']);
    expect(actionsFor('submitted', 'staff')).toEqual(['accept', 'reject']);
    expect(actionsFor('completed', 'family')).toEqual(['confirm']);
    expect(actionsFor('completed', 'staff')).toEqual([]);
    for (const status of ['confirmed', 'rejected', 'cancelled'] as const) {
      expect(isFinal(status)).toBe(true);
      expect([...actionsFor(status, 'family'), ...actionsFor(status, 'staff')]).toEqual([]);
    }
    expect(isFinal('completed')).toBe(false);
  });
});

describe('proof assessment', () => {
  const grave = { lat: 30.5431, lng: 114.3587 };
  const acceptedAt = new Date('2026-03-30T01:00:00Z');
  const completedAt = new Date('2026-04-02T03:00:00Z');

  it('records the distance and raises no flag for a photo taken at the grave during the job', () => {
    const result = assessProof({ takenAt: new Date('2026-04-02T02:30:00Z'), location: { lat: 30.5433, lng: 114.3588 }, reference: grave, acceptedAt, completedAt });
    expect(result.flags).toEqual([]);
    expect(result.distanceMeters).toBeGreaterThan(15);
    expect(result.distanceMeters).toBeLessThan(30);
    expect(describeFlags(result)).toBeUndefined();
  });

  it('flags a photo taken more than 300 m away, and not one at 290 m', () => {
    // 0.0027° of latitude ≈ 300 m.
    const far = assessProof({ takenAt: completedAt, location: { lat: grave.lat + 0.0028, lng: grave.lng }, reference: grave, acceptedAt, completedAt });
    expect(far.distanceMeters).toBeGreaterThan(300);
    expect(far.flags).toEqual(['too_far']);
    const near = assessProof({ takenAt: completedAt, location: { lat: grave.lat + 0.0026, lng: grave.lng }, reference: grave, acceptedAt, completedAt });
    expect(near.distanceMeters).toBeLessThanOrEqual(300);
    expect(near.flags).toEqual([]);
  });

  it('flags a photo taken before acceptance or after completion, allowing a small clock drift', () => {
    const at = (ms: number) => assessProof({ takenAt: new Date(ms), location: grave, reference: grave, acceptedAt, completedAt }).flags;
    expect(at(acceptedAt.getTime() - 3600_000)).toEqual(['outside_window']);
    expect(at(completedAt.getTime() + 3600_000)).toEqual(['outside_window']);
    expect(at(acceptedAt.getTime() - CLOCK_TOLERANCE_MS + 1000)).toEqual([]);
    const both = assessProof({ takenAt: new Date(0), location: { lat: 31, lng: 114 }, reference: grave, acceptedAt, completedAt });
    expect(both.flags).toEqual(['too_far', 'outside_window']);
    expect(describeFlags(both)).toMatch(/米.*拍摄时间/);
  });
});

describe('preferred date window', () => {
  // 2026-04-01 23:30 in Shanghai is 15:30 UTC: the Shanghai date decides, not the UTC one.
  const now = new Date('2026-04-01T15:30:00Z');

  it('uses Asia/Shanghai dates', () => {
    expect(shanghaiDate(now)).toBe('2026-04-01');
    expect(shanghaiDate(new Date('2026-04-01T16:30:00Z'))).toBe('2026-04-02');
    expect(preferredDateWindow(now)).toEqual({ earliest: '2026-04-02', latest: '2026-06-30' });
  });

  it('accepts tomorrow up to 90 days ahead and refuses the past, today and beyond', () => {
    expect(preferredDateProblem('2026-04-02', now)).toBeNull();
    expect(preferredDateProblem('2026-06-30', now)).toBeNull();
    expect(preferredDateProblem('2026-03-31', now)).toMatch(/最早/);
    expect(preferredDateProblem('2026-04-01', now)).toMatch(/最早/);
    expect(preferredDateProblem('2026-07-01', now)).toMatch(/最晚/);
  });
});
