import { Button, Input, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import './index.scss';

export interface SearchBoxProps {
  value: string;
  placeholder: string;
  /** Called with the trimmed text on 搜索 or the keyboard's confirm key. */
  onSearch: (q: string) => void;
  maxLength?: number;
}

/** A text box with a 搜索 button; clearing the text and searching again shows everything. */
export function SearchBox({ value, placeholder, onSearch, maxLength = 50 }: SearchBoxProps) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  const submit = () => onSearch(text.trim());

  return (
    <View className='search-box' role='search'>
      <Input
        className='input search-box__input'
        type='text'
        confirmType='search'
        value={text}
        placeholder={placeholder}
        maxlength={maxLength}
        aria-label={placeholder}
        onInput={(e) => setText(e.detail.value)}
        onConfirm={submit}
      />
      <Button className='btn btn--primary search-box__button' onClick={submit}>
        搜索
      </Button>
    </View>
  );
}
