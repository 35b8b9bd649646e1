import { createElement, type ReactNode } from 'react';

/**
 * Taro's components rendered as plain DOM for tests, passing through the props tests look at
 * (class names, roles, aria and data attributes, taps) and turning Taro events into `{detail}` shapes.
 */
type Props = Record<string, unknown> & { children?: ReactNode; className?: string };

const TARO_ONLY = new Set(['hoverClass', 'userSelect', 'scrollX', 'scrollY', 'lazyLoad', 'mode', 'confirmType', 'maxlength', 'loading']);

function domProps(props: Props): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(props)) {
    if (k === 'children' || TARO_ONLY.has(k)) continue;
    if (k === 'onClick' && typeof v === 'function') out.onClick = v;
    else if (!k.startsWith('on')) out[k] = v;
  }
  return out;
}

const tag = (name: string) =>
  function TaroComponent(props: Props) {
    return createElement(name, domProps(props), props.children);
  };

export const View = tag('div');
export const Text = tag('span');
export const ScrollView = tag('div');
export const Image = (props: Props) => createElement('img', domProps(props));

export function Button(props: Props) {
  return createElement('button', { ...domProps(props), type: 'button' }, props.children);
}

export function Input(props: Props) {
  const onInput = props.onInput as ((e: { detail: { value: string } }) => void) | undefined;
  const onConfirm = props.onConfirm as (() => void) | undefined;
  return createElement('input', {
    ...domProps(props),
    type: props.password ? 'password' : 'text',
    password: undefined,
    value: props.value ?? '',
    onChange: (e: { target: { value: string } }) => onInput?.({ detail: { value: e.target.value } }),
    onKeyDown: (e: { key: string }) => e.key === 'Enter' && onConfirm?.(),
  });
}

export function Textarea(props: Props) {
  const onInput = props.onInput as ((e: { detail: { value: string } }) => void) | undefined;
  return createElement('textarea', {
    ...domProps(props),
    value: props.value ?? '',
    onChange: (e: { target: { value: string } }) => onInput?.({ detail: { value: e.target.value } }),
  });
}

export function Switch(props: Props) {
  const onChange = props.onChange as ((e: { detail: { value: boolean } }) => void) | undefined;
  return createElement('input', {
    ...domProps(props),
    type: 'checkbox',
    role: 'switch',
    checked: !!props.checked,
    onChange: (e: { target: { checked: boolean } }) => onChange?.({ detail: { value: e.target.checked } }),
  });
}

export function Picker(props: Props) {
  const range = (props.range as string[]) ?? [];
  const onChange = props.onChange as ((e: { detail: { value: number } }) => void) | undefined;
  return createElement(
    'div',
    { className: 'taro-picker' },
    props.children,
    createElement(
      'select',
      {
        'aria-label': 'picker',
        value: String(props.value ?? 0),
        onChange: (e: { target: { value: string } }) => onChange?.({ detail: { value: Number(e.target.value) } }),
      },
      range.map((label, i) => createElement('option', { key: label, value: String(i) }, label)),
    ),
  );
}

export function Map(props: Props) {
  return createElement('div', { 'data-testid': 'native-map', className: props.className as string });
}
