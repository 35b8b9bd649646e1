import { useCallback, useRef, useState } from 'react';
import { getCurrentPosition } from '@/platform/location';
import { takePhoto } from '@/platform/media';
import { uploadImage } from '@/services/uploads';
import type { LatLng, SweepChecklistItem, SweepCompleteBody } from '@/types/api';

/** A photo taken for the proof, and what became of it. */
export interface DraftPhoto {
  key: string;
  /** Local path for the thumbnail. */
  path: string;
  takenAt: Date;
  location?: LatLng;
  uploadId?: string;
  uploading: boolean;
  error?: string;
}

export interface ProofDraft {
  photos: DraftPhoto[];
  checklist: SweepChecklistItem[];
  note: string;
  /** Set when the last photo came without a position (permission refused, no fix). */
  locationProblem: string | null;
  /** Opens the camera; the photo is uploaded and its place read at once. */
  capture: () => Promise<void>;
  remove: (key: string) => void;
  toggle: (item: SweepChecklistItem) => void;
  setNote: (note: string) => void;
  /** The completion body, or null while no uploaded photo with a position exists. */
  toBody: () => SweepCompleteBody | null;
}

/**
 * The proof being put together at the grave. Capture time and place come from the first uploaded photo
 * that has a position (the camera's moment and the phone's GCJ-02 fix right after it).
 */
export function useProofDraft(): ProofDraft {
  const [photos, setPhotos] = useState<DraftPhoto[]>([]);
  const [checklist, setChecklist] = useState<SweepChecklistItem[]>(['wipe_headstone', 'lay_flowers', 'message_card']);
  const [note, setNote] = useState('');
  const [locationProblem, setLocationProblem] = useState<string | null>(null);
  const counter = useRef(0);

  const update = (key: string, patch: Partial<DraftPhoto>) => setPhotos((prev) => prev.map((p) => (p.key === key ? { ...p, ...patch } : p)));

  const capture = useCallback(async () => {
    let shot;
    try {
      shot = await takePhoto();
    } catch (error) {
      setLocationProblem((error as Error).message);
      return;
    }
    if (!shot) return;
    const key = `p${++counter.current}`;
    setPhotos((prev) => [...prev, { key, path: shot.path, takenAt: shot.takenAt, uploading: true }]);
    const [position, uploaded] = await Promise.allSettled([getCurrentPosition(), uploadImage(shot.path)]);
    if (position.status === 'fulfilled') {
      setLocationProblem(null);
    } else {
      setLocationProblem('未能获取拍摄位置：请允许定位后重新拍照，位置用于核对是否在墓前拍摄。');
    }
    update(key, {
      uploading: false,
      ...(position.status === 'fulfilled' ? { location: position.value } : {}),
      ...(uploaded.status === 'fulfilled' ? { uploadId: uploaded.value.id } : { error: (uploaded.reason as Error).message || '上传失败' }),
    });
  }, []);

  const remove = useCallback((key: string) => setPhotos((prev) => prev.filter((p) => p.key !== key)), []);
  const toggle = useCallback(
    (item: SweepChecklistItem) => setChecklist((prev) => (prev.includes(item) ? prev.filter((x) => x !== item) : [...prev, item])),
    [],
  );

  const toBody = useCallback((): SweepCompleteBody | null => {
    const uploaded = photos.filter((p) => p.uploadId);
    const anchor = uploaded.find((p) => p.location);
    if (!anchor?.location) return null;
    return {
      photos: uploaded.map((p) => p.uploadId!),
      takenAt: anchor.takenAt.toISOString(),
      location: anchor.location,
      checklist: ['take_photos', ...checklist.filter((c) => c !== 'take_photos')],
      ...(note.trim() ? { note: note.trim() } : {}),
    };
  }, [photos, checklist, note]);

  return { photos, checklist, note, locationProblem, capture, remove, toggle, setNote, toBody };
}
