import Taro from '@tarojs/taro';

export function showToast(title: string): void {
  void Taro.showToast({ title, icon: 'none', duration: 2000 }).catch(() => undefined);
}

/** Asks a yes/no question; resolves true when the user confirms. */
export async function confirm(title: string, content: string): Promise<boolean> {
  try {
    const res = await Taro.showModal({ title, content, confirmText: '确定', cancelText: '取消' });
    return res.confirm;
  } catch {
    return false;
  }
}
