import type { LatLng } from '../contracts/common.js';
import { SWEEP_RULES, type ProofFlag } from '../contracts/proxy-sweeps.js';
import { haversineMeters } from '../sites/geo.js';

/** Device clocks drift: capture times this close outside the window still count as inside. */
export const CLOCK_TOLERANCE_MS = 2 * 60 * 1000;

export interface ProofInput {
  takenAt: Date;
  location: LatLng;
  /** The grave's position, or the site's when the grave's is unknown. */
  reference: LatLng;
  /** When the request was accepted: the earliest a genuine photo can be taken. */
  acceptedAt: Date;
  /** When the proof is submitted: the latest. */
  completedAt: Date;
}

export interface ProofAssessment {
  distanceMeters: number;
  flags: ProofFlag[];
}

/**
 * Checks proof on the spot: the distance from the capture point to the grave, flagged beyond
 * SWEEP_RULES.maxProofDistanceMeters, and whether the capture time lies between acceptance and completion.
 */
export function assessProof(input: ProofInput): ProofAssessment {
  const distanceMeters = Math.round(haversineMeters(input.location, input.reference));
  const flags: ProofFlag[] = [];
  if (distanceMeters > SWEEP_RULES.maxProofDistanceMeters) flags.push('too_far');
  const t = input.takenAt.getTime();
  if (t < input.acceptedAt.getTime() - CLOCK_TOLERANCE_MS || t > input.completedAt.getTime() + CLOCK_TOLERANCE_MS) flags.push('outside_window');
  return { distanceMeters, flags };
}

/** A short Chinese note on a flagged proof for the history and the notification. */
export function describeFlags(assessment: ProofAssessment): string | undefined {
  const parts: string[] = [];
  if (assessment.flags.includes('too_far')) parts.push(`拍摄地点距墓位约 ${assessment.distanceMeters} 米`);
  if (assessment.flags.includes('outside_window')) parts.push('拍摄时间不在受理至完成期间');
  return parts.length > 0 ? `凭证待核实：${parts.join('；')}` : undefined;
}
