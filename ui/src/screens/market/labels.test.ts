import { afterEach, describe, expect, it } from 'vitest';
import { useLanguage } from '../../lib/i18n.svelte';
import { CATEGORIES, inquiryStatusText, listingStatusText, unitSuggestions } from './labels';

describe('the words of the farmer’s screens', () => {
  afterEach(() => useLanguage('vi'));

  it('names each status in Vietnamese and in English', () => {
    useLanguage('vi');
    expect((['draft', 'published', 'sold-out', 'archived'] as const).map((s) => listingStatusText(s))).toEqual([
      'Nháp',
      'Đang bán',
      'Hết hàng',
      'Đã lưu trữ',
    ]);
    expect(inquiryStatusText('answered')).toBe('Đã trả lời');
    useLanguage('en');
    expect(listingStatusText('sold-out')).toBe('Sold out');
    expect(inquiryStatusText('new')).toBe('New');
  });

  it('stores categories in Vietnamese whatever the language shown', () => {
    useLanguage('en');
    expect(CATEGORIES.map((c) => c.value)).toEqual(['Nông sản', 'Thực phẩm chế biến', 'Đồ uống', 'Dược liệu', 'Thủ công mỹ nghệ', 'Khác']);
    expect(CATEGORIES[3].label()).toBe('Medicinal herbs');
    useLanguage('vi');
    for (const c of CATEGORIES) expect(c.label()).toBe(c.value);
  });

  it('suggests units in the language shown', () => {
    useLanguage('vi');
    expect(unitSuggestions().slice(0, 4)).toEqual(['kg', 'hộp', 'chai', 'gói']);
    useLanguage('en');
    expect(unitSuggestions()).toContain('bottle');
  });
});
