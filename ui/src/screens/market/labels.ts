// The words the farmer's screens show for stored values: a listing's and an inquiry's status,
// a product's category, the units the form suggests.
import type { InquiryStatus, ListingStatus } from '../../lib/ipc';
import { t } from '../../lib/i18n.svelte';

/**
 * The kinds of product a farmer picks from. A listing keeps the Vietnamese word, which buyers
 * on the commune's marketplace pages read, whatever language the farmer's phone is in.
 */
export const CATEGORIES: readonly { value: string; label: () => string }[] = [
  { value: 'Nông sản', label: () => t('category-farm') },
  { value: 'Thực phẩm chế biến', label: () => t('category-processed') },
  { value: 'Đồ uống', label: () => t('category-drinks') },
  { value: 'Dược liệu', label: () => t('category-herbs') },
  { value: 'Thủ công mỹ nghệ', label: () => t('category-crafts') },
  { value: 'Khác', label: () => t('category-other') },
];

export function listingStatusText(status: ListingStatus): string {
  switch (status) {
    case 'draft':
      return t('listing-status-draft');
    case 'published':
      return t('listing-status-published');
    case 'sold-out':
      return t('listing-status-sold-out');
    case 'archived':
      return t('listing-status-archived');
  }
}

/** What a status means for buyers, under the form's heading. */
export function listingStatusHint(status: ListingStatus): string {
  switch (status) {
    case 'draft':
      return t('product-hint-draft');
    case 'published':
      return t('product-hint-published');
    case 'sold-out':
      return t('product-hint-sold-out');
    case 'archived':
      return t('product-hint-archived');
  }
}

export function inquiryStatusText(status: InquiryStatus): string {
  switch (status) {
    case 'new':
      return t('inquiry-status-new');
    case 'answered':
      return t('inquiry-status-answered');
    case 'closed':
      return t('inquiry-status-closed');
  }
}

/** The units the form suggests; the farmer may write any other. */
export function unitSuggestions(): string[] {
  return t('product-units')
    .split(',')
    .map((u) => u.trim())
    .filter((u) => u !== '');
}
