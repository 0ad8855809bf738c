// The product form's fields as a farmer types them, and the listing they make: empty text is
// "not given", days are typed as people write them (24/11/2026) and stored as 2026-11-24, and
// the bank details go together or not at all. Pure functions, so that they are tested alone.
import type { Listing, ListingInput } from '../../lib/ipc';

/** Photos of a product: as many as the store keeps (PHOTOS_MAX in crates/core). */
export const PHOTOS_MAX = 6;
/** Digits a price may have: the store refuses more than 100.000.000 ₫ with a message that says so. */
export const PRICE_DIGITS = 9;
export const QUANTITY_DIGITS = 8;

export interface ListingFields {
  name: string;
  /** A category's stored word, or '' for none. */
  category: string;
  description: string;
  story: string;
  /** Whole đồng; null while nothing is typed. */
  price: number | null;
  unit: string;
  packSize: string;
  quantity: number | null;
  madeToOrder: boolean;
  season: string;
  /** As typed: 24/11/2026. */
  availableFrom: string;
  /** 3, 4 or 5; null for none. */
  ocopStars: number | null;
  /** As typed: 24/11/2026. */
  ocopExpiry: string;
  phone: string;
  zalo: string;
  /** A bank's BIN, or '' for no bank transfer. */
  bankBin: string;
  bankAccount: string;
  bankHolder: string;
  /** Hashes of the photos, the main one first. */
  photos: string[];
}

const two = (n: number) => String(n).padStart(2, '0');

/** A stored day (2026-11-24) as people write it: 24/11/2026. Anything else is shown as it is. */
export function dayText(iso: string | null): string {
  if (iso === null) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/**
 * A typed day (24/11/2026, 24-11-2026, 24.11.26, 24112026) as the store keeps it: 2026-11-24.
 * Nothing typed is no day. Text that is not a day is passed on as it is, for the store to
 * refuse in words that name the field.
 */
export function storedDay(typed: string): string | null {
  const text = typed.trim();
  if (text === '') return null;
  const parts = /^\d{8}$/.test(text) ? [text.slice(0, 2), text.slice(2, 4), text.slice(4)] : text.split(/\s*[/.\-\s]\s*/);
  if (parts.length !== 3 || !parts.every((p) => /^\d+$/.test(p))) return text;
  const [day, month, year] = parts;
  if (day.length > 2 || month.length > 2 || !(year.length === 2 || year.length === 4)) return text;
  const y = year.length === 2 ? 2000 + Number(year) : Number(year);
  return `${y}-${two(Number(month))}-${two(Number(day))}`;
}

/** A phone number easier to read out and dial: 0912 345 678. */
export function phoneText(phone: string): string {
  return /^0\d{9}$/.test(phone) ? `${phone.slice(0, 4)} ${phone.slice(4, 7)} ${phone.slice(7)}` : phone;
}

/** The form for a listing being changed, or an empty one with the farmer's own phone number. */
export function fieldsOf(listing: Listing | null, phone: string | null): ListingFields {
  return {
    name: listing?.name ?? '',
    category: listing?.category ?? '',
    description: listing?.description ?? '',
    story: listing?.story ?? '',
    price: listing?.price_dong ?? null,
    unit: listing?.unit ?? '',
    packSize: listing?.pack_size ?? '',
    quantity: listing?.quantity ?? null,
    madeToOrder: listing?.made_to_order ?? false,
    season: listing?.season ?? '',
    availableFrom: dayText(listing?.available_from ?? null),
    ocopStars: listing?.ocop_stars ?? null,
    ocopExpiry: dayText(listing?.ocop_expiry ?? null),
    phone: listing?.contact_phone ?? phone ?? '',
    zalo: listing?.zalo ?? '',
    bankBin: listing?.bank_bin ?? '',
    bankAccount: listing?.bank_account ?? '',
    bankHolder: listing?.bank_holder ?? '',
    photos: [...(listing?.photos ?? [])],
  };
}

const given = (text: string): string | null => (text.trim() === '' ? null : text.trim());

/**
 * What the store is sent. `kept` carries what the form does not show (the OCOP group and the
 * certifications a listing may have from elsewhere).
 */
export function listingInput(f: ListingFields, kept: Pick<ListingInput, 'ocop_group' | 'certifications'>): ListingInput {
  const bank = f.bankBin !== '';
  return {
    name: f.name,
    ocop_group: kept.ocop_group,
    category: given(f.category),
    description: given(f.description),
    story: given(f.story),
    price_dong: f.price ?? 0,
    unit: f.unit,
    pack_size: given(f.packSize),
    quantity: f.madeToOrder ? null : f.quantity,
    made_to_order: f.madeToOrder,
    season: given(f.season),
    available_from: storedDay(f.availableFrom),
    ocop_stars: f.ocopStars,
    // The certificate's day goes with its stars; without stars the field is not shown.
    ocop_expiry: f.ocopStars === null ? null : storedDay(f.ocopExpiry),
    certifications: [...kept.certifications],
    photos: [...f.photos],
    contact_phone: f.phone.trim(),
    zalo: given(f.zalo),
    bank_bin: bank ? f.bankBin : null,
    bank_account: bank ? given(f.bankAccount) : null,
    bank_holder: bank ? given(f.bankHolder) : null,
  };
}
