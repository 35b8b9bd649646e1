import { Text, View } from '@tarojs/components';
import './index.scss';

export interface RatingInputProps {
  value: number;
  onChange: (rating: number) => void;
}

const WORDS = ['', '很不满意', '不满意', '一般', '满意', '非常满意'];

/** 1–5 stars as large tap targets, with the meaning in words. */
export function RatingInput({ value, onChange }: RatingInputProps) {
  return (
    <View className='rating' role='radiogroup' aria-label='评分'>
      <View className='rating__stars'>
        {[1, 2, 3, 4, 5].map((n) => (
          <View
            key={n}
            className={`rating__star${n <= value ? ' rating__star--on' : ''}`}
            role='radio'
            aria-checked={n === value}
            aria-label={`${n} 星`}
            data-testid={`rating-${n}`}
            onClick={() => onChange(n)}
          >
            <Text>★</Text>
          </View>
        ))}
      </View>
      <Text className='muted'>{WORDS[value] ?? '请评分'}</Text>
    </View>
  );
}
