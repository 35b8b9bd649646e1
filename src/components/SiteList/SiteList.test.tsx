import { fireEvent, render } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { SiteList } from '.';

const SITES = [
  { id: 'a', name: '辛亥首义烈士陵园', level: 'national' as const, category: 'monument' as const, district: '武昌区', distanceMeters: 850, openNow: true },
  { id: 'b', name: '施洋烈士陵园', level: 'provincial' as const, distanceMeters: 12_345, sample: true },
];

describe('SiteList', () => {
  it('renders each site with its name and formatted distance, in the given order', () => {
    const { container } = render(<SiteList sites={SITES} onOpen={() => undefined} highlightFirst />);
    const cards = [...container.querySelectorAll('.site-card')];
    expect(cards).toHaveLength(2);
    expect(cards.map((c) => c.querySelector('.site-card__name')?.textContent)).toEqual(['辛亥首义烈士陵园', '施洋烈士陵园']);
    expect(cards.map((c) => c.querySelector('.site-card__distance')?.textContent)).toEqual(['850 米', '12.3 公里']);
    expect(cards[0]!.className).toContain('site-card--nearest');
    expect(cards[0]!.textContent).toContain('国家级');
    expect(cards[0]!.textContent).toContain('开放中');
    expect(cards[1]!.textContent).toContain('示例数据');
  });

  it('opens the tapped site by id', () => {
    const onOpen = vi.fn();
    const { container } = render(<SiteList sites={SITES} onOpen={onOpen} />);
    fireEvent.click(container.querySelectorAll('.site-card')[1]!);
    expect(onOpen).toHaveBeenCalledWith('b');
  });
});
