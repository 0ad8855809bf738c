// Pictures and narration come from the store as bytes; the page shows them through blob:
// URLs (allowed by the CSP), made once per file.
import { ipc, type AssetRef } from './ipc';

const urls = new Map<string, Promise<string>>();

export function assetUrl(ref: AssetRef): Promise<string> {
  let url = urls.get(ref.hash);
  if (!url) {
    url = ipc.asset(ref.hash).then((bytes) => URL.createObjectURL(new Blob([bytes], { type: ref.mime })));
    urls.set(ref.hash, url);
    url.catch(() => urls.delete(ref.hash));
  }
  return url;
}
