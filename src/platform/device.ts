import Taro from '@tarojs/taro';

/** Opens the phone's dialer with the number filled in. */
export function makePhoneCall(phoneNumber: string): Promise<void> {
  return Taro.makePhoneCall({ phoneNumber }).then(() => undefined);
}

/** Width of the visible window in px (for sizing the drawn map). */
export function windowWidth(): number {
  try {
    return Taro.getWindowInfo().windowWidth;
  } catch {
    return 375;
  }
}
