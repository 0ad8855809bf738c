import { describe, expect, it } from 'vitest';
import type { Listing } from '../../lib/ipc';
import { dayText, fieldsOf, listingInput, phoneText, storedDay } from './form';

const HONEY: Listing = {
  id: 'l-1',
  commune_id: 'c-lung-cu',
  owner_id: 'p-farmer',
  status: 'published',
  name: 'Mật ong bạc hà',
  ocop_group: 'Thực phẩm',
  category: 'Thực phẩm chế biến',
  description: null,
  story: 'Ong nuôi trên núi đá.',
  price_dong: 350_000,
  unit: 'chai',
  pack_size: '500 ml',
  quantity: 40,
  made_to_order: false,
  season: 'Tháng 10 – tháng 12',
  available_from: '2026-11-24',
  ocop_stars: 4,
  ocop_expiry: '2028-03-01',
  certifications: ['VietGAP'],
  photos: ['a'.repeat(64), 'b'.repeat(64)],
  contact_phone: '0912345678',
  zalo: '0912345678',
  bank_bin: '970405',
  bank_account: '1234567890',
  bank_holder: 'GIANG THI SUA',
};

describe('the product form', () => {
  it('writes days as people do and stores them as the store does', () => {
    expect(dayText('2026-11-24')).toBe('24/11/2026');
    expect(dayText(null)).toBe('');
    for (const typed of ['24/11/2026', '24-11-2026', '24.11.26', '24112026', ' 24 / 11 / 2026 ']) {
      expect(storedDay(typed), typed).toBe('2026-11-24');
    }
    expect(storedDay('1/2/2027')).toBe('2027-02-01');
    expect(storedDay('')).toBeNull();
    expect(storedDay('tháng 10'), 'left for the store to refuse').toBe('tháng 10');
  });

  it('shows a mobile number in groups, and anything else as it is', () => {
    expect(phoneText('0912345678')).toBe('0912 345 678');
    expect(phoneText('02193123456')).toBe('02193123456');
  });

  it('gives back the listing it was filled from', () => {
    const f = fieldsOf(HONEY, '0987654321');
    expect(f.availableFrom).toBe('24/11/2026');
    expect(f.phone, 'the listing’s own number').toBe('0912345678');
    const input = listingInput(f, HONEY);
    expect(Object.keys(input)).toHaveLength(21);
    for (const [key, value] of Object.entries(input)) expect(value, key).toEqual(HONEY[key as keyof Listing]);
  });

  it('starts a new product with the farmer’s phone, and sends empty text as nothing', () => {
    const f = fieldsOf(null, '0987654321');
    expect(f.phone).toBe('0987654321');
    const input = listingInput({ ...f, name: 'Chè Shan tuyết', season: '  ', ocopExpiry: '01/01/2027' }, { ocop_group: null, certifications: [] });
    expect(input.season).toBeNull();
    expect(input.price_dong, 'refused by the store in words').toBe(0);
    expect(input.ocop_expiry, 'no stars, no certificate day').toBeNull();
  });

  it('sends no quantity for what is made to order, and the bank details only with a bank', () => {
    const f = { ...fieldsOf(HONEY, null), madeToOrder: true, bankBin: '' };
    const input = listingInput(f, HONEY);
    expect(input.quantity).toBeNull();
    expect([input.bank_bin, input.bank_account, input.bank_holder]).toEqual([null, null, null]);
  });
});
