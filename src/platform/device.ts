import Taro from '@tarojs/taro';

/** Opens the phone's dialer with the number filled in. */
export function makePhoneCall(phoneNumber: string): Promise<void> {
  return Taro.makePhoneCall({ phoneNumber }).then(() => undefined);
}
