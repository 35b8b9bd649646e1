import Taro from '@tarojs/taro';

/** A photo just taken with the camera. */
export interface CapturedPhoto {
  /** Temp path (weapp) or blob URL (H5), usable by `<Image>` and `uploadFile`. */
  path: string;
  size: number;
  /** When it was taken: the moment the camera handed it back. */
  takenAt: Date;
}

function isCancel(err: unknown): boolean {
  return /cancel/i.test(String((err as { errMsg?: string })?.errMsg ?? err));
}

/**
 * Opens the camera (H5: the file input with `capture`, which phones open as the camera) for one photo.
 * Resolves null when the user backs out.
 */
export async function takePhoto(): Promise<CapturedPhoto | null> {
  try {
    const res = await Taro.chooseImage({ count: 1, sourceType: ['camera'], sizeType: ['compressed'] });
    const file = res.tempFiles[0];
    if (!file) return null;
    return { path: file.path, size: file.size, takenAt: new Date() };
  } catch (err) {
    if (isCancel(err)) return null;
    throw new Error('无法打开相机，请检查相机权限');
  }
}

/**
 * Shows photos full screen: WeChat's viewer in the mini-program; on H5 the browser's own (a new tab),
 * because Taro's H5 viewer pulls its swiper into the bundle every page loads (≈ 60 KB gzipped).
 */
export function previewImages(urls: string[], current: string): void {
  if (process.env.TARO_ENV === 'h5') {
    globalThis.open?.(current, '_blank', 'noopener');
    return;
  }
  void Taro.previewImage({ urls, current }).catch(() => undefined);
}
