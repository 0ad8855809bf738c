import { tick } from 'svelte';

/** Once the screen is drawn, focus its heading, so that a screen reader starts there. */
export async function focusHeading(): Promise<void> {
  await tick();
  document.querySelector<HTMLElement>('main h2')?.focus();
}

/** After a move to another screen: back to the top, and focus on its heading. */
export async function focusNewScreen(): Promise<void> {
  window.scrollTo(0, 0);
  await focusHeading();
}
