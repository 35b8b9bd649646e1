import Taro from '@tarojs/taro';

/** Whether this build can open the camera scanner (the mini-program can; a browser cannot). */
export function canScanCode(): boolean {
  return process.env.TARO_ENV !== 'h5';
}

/** Opens the scanner for a QR code and resolves with its text; rejects when the user backs out. */
export async function scanQrCode(): Promise<string> {
  const res = await Taro.scanCode({ onlyFromCamera: false, scanType: ['qrCode'] });
  return res.result;
}
