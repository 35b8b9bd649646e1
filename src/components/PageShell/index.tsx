import { View } from '@tarojs/components';
import type { PropsWithChildren } from 'react';
import { useElderMode } from '@/hooks/use-elder-mode';

/** Root of every page: carries the design tokens, and 长辈模式 when it is on. */
export function PageShell({ children, className }: PropsWithChildren<{ className?: string }>) {
  const [elder] = useElderMode();
  return <View className={['page', elder ? 'page--elder' : '', className ?? ''].filter(Boolean).join(' ')}>{children}</View>;
}
