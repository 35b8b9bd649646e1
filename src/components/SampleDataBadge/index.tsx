import { Text } from '@tarojs/components';
import './index.scss';

/** Marks demo records seeded for trying the product out (`sample: true`). */
export function SampleDataBadge() {
  return <Text className='sample-badge'>示例数据</Text>;
}
