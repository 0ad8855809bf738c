// What the farmer's screens load before they appear, with the store's data version read first:
// a later change (a sync bringing inquiries, another of the farmer's devices) reloads them.
import { ipc, type BankChoice, type InquiryLine, type Listing, type MyListing } from '../../lib/ipc';

export interface ProductsData {
  products: MyListing[];
  version: number;
}

export async function loadProducts(): Promise<ProductsData> {
  const version = await ipc.dataVersion();
  return { products: await ipc.myListings(), version };
}

export interface ProductData {
  banks: BankChoice[];
  /** Null for a new product. */
  listing: Listing | null;
}

/** A listing's id to change it; none to list a new product. */
export async function loadProduct(id: string): Promise<ProductData> {
  const [banks, listing] = await Promise.all([ipc.banks(), id === '' ? null : ipc.myListing(id)]);
  return { banks, listing };
}

export interface InquiriesData {
  inquiries: InquiryLine[];
  /** Each product's unit, by listing id: "5 kg" reads better than "5". */
  units: Record<string, string>;
  version: number;
}

export async function loadInquiries(): Promise<InquiriesData> {
  const version = await ipc.dataVersion();
  const [inquiries, products] = await Promise.all([ipc.myInquiries(), ipc.myListings()]);
  return { inquiries, units: unitsOf(products), version };
}

export function unitsOf(products: MyListing[]): Record<string, string> {
  return Object.fromEntries(products.map((p) => [p.listing.id, p.listing.unit]));
}

/** The inquiries tab's badge: buyers nobody has answered yet. */
export async function newInquiries(): Promise<number> {
  return (await ipc.myInquiries()).filter((i) => i.status === 'new').length;
}
