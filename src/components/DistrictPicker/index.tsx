import { Picker, Text, View } from '@tarojs/components';
import { WUHAN_DISTRICTS } from '@/constants/wuhan';
import './index.scss';

const NAMES = WUHAN_DISTRICTS.map((d) => d.name);

export interface DistrictPickerProps {
  value?: string;
  onPick: (district: string) => void;
}

/** Lets the user say which Wuhan district they are in when the device position is unavailable. */
export function DistrictPicker({ value, onPick }: DistrictPickerProps) {
  const index = value ? Math.max(0, NAMES.indexOf(value)) : 0;
  return (
    <Picker mode='selector' range={NAMES} value={index} onChange={(e) => onPick(NAMES[Number(e.detail.value)] ?? NAMES[0]!)}>
      <View className='btn district-picker' role='button' data-testid='district-picker'>
        <Text>{value ? `所在区：${value} ▾` : '选择所在区 ▾'}</Text>
      </View>
    </Picker>
  );
}
