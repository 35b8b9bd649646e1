import Taro from '@tarojs/taro';
import { loadItem, saveItem } from './storage';

/** True inside the WeChat mini-program (as opposed to the H5 browser build). */
export function isMiniProgram(): boolean {
  return process.env.TARO_ENV === 'weapp';
}

/** A fresh `wx.login` code, exchanged by the server for the user's openid. */
export async function wechatLoginCode(): Promise<string> {
  const result = await Taro.login();
  if (!result.code) throw new Error(result.errMsg || 'login:fail');
  return result.code;
}

const BROWSER_ID_KEY = 'mm.browser-id';

/** A random id that stays with this browser, so demo sign-ins return to the same citizen account. */
export function browserIdentity(): string {
  const stored = loadItem<string>(BROWSER_ID_KEY);
  if (typeof stored === 'string' && /^h5-[a-z0-9]{16}$/.test(stored)) return stored;
  const bytes = new Uint8Array(8);
  globalThis.crypto.getRandomValues(bytes);
  const id = `h5-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
  saveItem(BROWSER_ID_KEY, id);
  return id;
}
