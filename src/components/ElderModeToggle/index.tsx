import { Switch, Text, View } from '@tarojs/components';
import './index.scss';

export interface ElderModeToggleProps {
  enabled: boolean;
  onChange: (enabled: boolean) => void;
}

/** The 长辈模式 switch: larger type and higher contrast on every page. */
export function ElderModeToggle({ enabled, onChange }: ElderModeToggleProps) {
  return (
    <View className='elder-toggle'>
      <View className='elder-toggle__label'>
        <Text className='elder-toggle__title'>长辈模式</Text>
        <Text className='muted'>字体更大、对比更强，所有页面生效</Text>
      </View>
      <Switch
        className='elder-toggle__switch'
        checked={enabled}
        color='#9b1c1c'
        aria-label='长辈模式'
        onChange={(e) => onChange(!!e.detail.value)}
      />
    </View>
  );
}
