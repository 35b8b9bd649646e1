import { Text, View } from '@tarojs/components';
import type { PropsWithChildren } from 'react';
import './index.scss';

/** A highlighted line of information (fallback position, offline data). */
export function Notice({ children, className }: PropsWithChildren<{ className?: string }>) {
  return (
    <View className={`notice ${className ?? ''}`} role='status'>
      <Text className='notice__text'>{children}</Text>
    </View>
  );
}
