import Taro from '@tarojs/taro';

/** Reads a JSON value saved with `saveItem`; null when absent or unreadable. */
export function loadItem<T>(key: string): T | null {
  try {
    const raw: unknown = Taro.getStorageSync(key);
    if (raw === '' || raw === undefined || raw === null) return null;
    return (typeof raw === 'string' ? JSON.parse(raw) : raw) as T;
  } catch {
    return null;
  }
}

/** Saves a value as JSON. Returns false when storage is full or unavailable (the app keeps working). */
export function saveItem(key: string, value: unknown): boolean {
  try {
    Taro.setStorageSync(key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

export function removeItem(key: string): void {
  try {
    Taro.removeStorageSync(key);
  } catch {
    // Nothing stored or storage unavailable: either way the key is gone for us.
  }
}
