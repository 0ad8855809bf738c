// The app's one voice: a lesson step's narration, a quiz question and its answers, the words
// after an answer. Only one sound plays at a time: starting one (or a row of them) stops
// whatever was playing, row included. One <audio> element serves them all, so a phone that
// lets the app play after the first tap keeps letting it.
import type { AssetRef } from './ipc';
import { assetUrl } from './asset';

/** A sound: narration from the store (played through a blob: URL), or one of the app's own files. */
export type Source = AssetRef | string;

export interface Sound {
  /** Says what is playing, for the screen to light it (e.g. the answer being read). */
  key: string;
  /** Tried in order until one plays: a missing file falls back to the next. */
  sources: Source[];
}

/** How a row of sounds went: played to its end, stopped by another sound, or none could play. */
export type Outcome = 'ended' | 'stopped' | 'failed';

/** The pause between two sounds of a row, so that a question and its answers do not run together. */
const GAP_MS = 350;

let element: HTMLAudioElement | null = null;
/** What is loaded now (playing or paused); null between sounds and when silent. */
let current = $state<string | null>(null);
let paused = $state(true);
/** Moves whenever a row starts or is stopped: a row whose number has moved stops. */
let generation = 0;
/** Whoever started the row playing now, so that they can stop only their own sound. */
let owner: unknown = null;
/** Ends the sound playing now (its promise in `playOne`). */
let finish: ((how: Outcome) => void) | null = null;

function audio(): HTMLAudioElement {
  if (!element) {
    element = document.createElement('audio');
    element.preload = 'auto';
    element.addEventListener('playing', () => (paused = false));
    element.addEventListener('pause', () => (paused = true));
    element.addEventListener('ended', () => (paused = true));
    document.body.append(element);
  }
  return element;
}

function end(how: Outcome): void {
  const done = finish;
  finish = null;
  done?.(how);
}

function playOne(key: string, url: string, row: number): Promise<Outcome> {
  const el = audio();
  return new Promise((resolve) => {
    finish = (how) => {
      el.onended = null;
      el.onerror = null;
      resolve(how);
    };
    el.onended = () => end('ended');
    el.onerror = () => end('failed');
    current = key;
    el.src = url;
    el.play().catch((e: unknown) => {
      // A newer sound interrupting this one is no failure: its row has already stopped this one.
      if (row === generation) {
        console.error(e);
        end('failed');
      }
    });
  });
}

function url(source: Source): Promise<string> {
  return typeof source === 'string' ? Promise.resolve(source) : assetUrl(source);
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Silences everything: the sound playing and the rest of its row. */
function halt(): void {
  generation += 1;
  owner = null;
  end('stopped');
  if (element) {
    element.pause();
    element.removeAttribute('src');
    element.load();
  }
  current = null;
  paused = true;
}

export const voice = {
  /** The key of the sound loaded now, playing or paused. */
  get current(): string | null {
    return current;
  },

  /** Whether the sound of this key is playing now. */
  playing(key: string): boolean {
    return current === key && !paused;
  },

  /**
   * Plays the sounds one after another, after stopping whatever was playing. Resolves when
   * the row has ended, another sound stopped it, or (for the last sound) nothing could play.
   * `by` marks the row as someone's, for `release`.
   */
  async play(sounds: Sound[], by: unknown = null): Promise<Outcome> {
    halt();
    const row = generation;
    owner = by;
    let outcome: Outcome = 'ended';
    for (const [i, sound] of sounds.entries()) {
      if (i > 0) {
        await wait(GAP_MS);
        if (row !== generation) return 'stopped';
      }
      outcome = 'failed';
      for (const source of sound.sources) {
        let src: string;
        try {
          src = await url(source);
        } catch (e) {
          console.error(e);
          continue;
        }
        if (row !== generation) return 'stopped';
        outcome = await playOne(sound.key, src, row);
        if (outcome !== 'failed') break;
      }
      if (outcome === 'stopped') return outcome;
      if (row === generation) current = null;
    }
    if (row === generation) owner = null;
    return outcome;
  },

  /** Pauses the sound playing now, keeping its place; `resume` goes on from there. */
  pause(): void {
    element?.pause();
  },

  resume(): void {
    if (!element || current === null) return;
    element.play().catch((e: unknown) => console.error(e));
  },

  /** Stops every sound. */
  stop(): void {
    halt();
  },

  /** Stops the row playing now if `by` started it (a screen going away stops only its own sound). */
  release(by: unknown): void {
    if (owner === by) halt();
  },
};
