import { Picker, Text, View } from '@tarojs/components';
import { CATEGORIES, CATEGORY_LABELS, LEVELS, LEVEL_LABELS } from '@/constants/labels';
import { WUHAN_DISTRICTS } from '@/constants/wuhan';
import type { SiteCategory, SiteLevel } from '@/types/api';
import './index.scss';

export interface SiteFilterValue {
  level?: SiteLevel;
  category?: SiteCategory;
  district?: string;
  openNow?: boolean;
}

export interface FilterBarProps {
  value: SiteFilterValue;
  onChange: (next: SiteFilterValue) => void;
}

const LEVEL_RANGE = ['全部级别', ...LEVELS.map((l) => LEVEL_LABELS[l])];
const CATEGORY_RANGE = ['全部类别', ...CATEGORIES.map((c) => CATEGORY_LABELS[c])];
const DISTRICT_RANGE = ['全部区县', ...WUHAN_DISTRICTS.map((d) => d.name)];

function pickedIndex(e: { detail: { value: string | number } }): number {
  return Number(e.detail.value);
}

/** Level, category, district and 开放中 filters for the nearest list. */
export function FilterBar({ value, onChange }: FilterBarProps) {
  const levelIndex = value.level ? LEVELS.indexOf(value.level) + 1 : 0;
  const categoryIndex = value.category ? CATEGORIES.indexOf(value.category) + 1 : 0;
  const districtIndex = value.district ? WUHAN_DISTRICTS.findIndex((d) => d.name === value.district) + 1 : 0;
  const active = !!(value.level || value.category || value.district || value.openNow);

  return (
    <View className='filter-bar' data-testid='filter-bar'>
      <Picker
        mode='selector'
        range={LEVEL_RANGE}
        value={levelIndex}
        onChange={(e) => {
          const i = pickedIndex(e);
          onChange({ ...value, level: i > 0 ? LEVELS[i - 1] : undefined });
        }}
      >
        <View className={`filter-bar__item${value.level ? ' filter-bar__item--on' : ''}`} role='button'>
          <Text>{LEVEL_RANGE[levelIndex]} ▾</Text>
        </View>
      </Picker>
      <Picker
        mode='selector'
        range={CATEGORY_RANGE}
        value={categoryIndex}
        onChange={(e) => {
          const i = pickedIndex(e);
          onChange({ ...value, category: i > 0 ? CATEGORIES[i - 1] : undefined });
        }}
      >
        <View className={`filter-bar__item${value.category ? ' filter-bar__item--on' : ''}`} role='button'>
          <Text>{CATEGORY_RANGE[categoryIndex]} ▾</Text>
        </View>
      </Picker>
      <Picker
        mode='selector'
        range={DISTRICT_RANGE}
        value={districtIndex}
        onChange={(e) => {
          const i = pickedIndex(e);
          onChange({ ...value, district: i > 0 ? WUHAN_DISTRICTS[i - 1]?.name : undefined });
        }}
      >
        <View className={`filter-bar__item${value.district ? ' filter-bar__item--on' : ''}`} role='button'>
          <Text>{DISTRICT_RANGE[districtIndex]} ▾</Text>
        </View>
      </Picker>
      <View
        className={`filter-bar__item${value.openNow ? ' filter-bar__item--on' : ''}`}
        role='switch'
        aria-checked={!!value.openNow}
        onClick={() => onChange({ ...value, openNow: !value.openNow })}
      >
        <Text>{value.openNow ? '✓ 开放中' : '开放中'}</Text>
      </View>
      {active && (
        <View className='filter-bar__item filter-bar__clear' role='button' onClick={() => onChange({})}>
          <Text>清除筛选</Text>
        </View>
      )}
    </View>
  );
}
