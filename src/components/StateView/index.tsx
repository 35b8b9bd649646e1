import { Button, Text, View } from '@tarojs/components';
import type { PropsWithChildren } from 'react';
import './index.scss';

export interface StateViewProps {
  loading?: boolean;
  error?: Error | null;
  /** True when there is nothing to show (and no error). */
  empty?: boolean;
  emptyText?: string;
  loadingText?: string;
  onRetry?: () => void;
}

/**
 * Loading, error (with 重试) and empty states around content. Content already on screen stays
 * visible while it reloads; an error replaces it.
 */
export function StateView({
  loading,
  error,
  empty,
  emptyText = '暂无内容',
  loadingText = '加载中…',
  onRetry,
  children,
}: PropsWithChildren<StateViewProps>) {
  if (error) {
    return (
      <View className='state-view state-view--error' role='alert'>
        <Text className='state-view__text'>{error.message || '加载失败'}</Text>
        {onRetry && (
          <Button className='btn btn--primary state-view__retry' onClick={onRetry}>
            重试
          </Button>
        )}
      </View>
    );
  }
  if (loading && empty !== false) {
    return (
      <View className='state-view state-view--loading' aria-busy='true'>
        <Text className='state-view__text'>{loadingText}</Text>
      </View>
    );
  }
  if (empty) {
    return (
      <View className='state-view state-view--empty'>
        <Text className='state-view__text'>{emptyText}</Text>
      </View>
    );
  }
  return <>{children}</>;
}
