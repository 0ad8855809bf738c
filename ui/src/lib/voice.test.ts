import { beforeEach, describe, expect, it, vi } from 'vitest';

/** A stand-in for the page's <audio> element: it logs what it is asked to play and ends when told. */
class FakeAudio {
  src = '';
  paused = true;
  preload = '';
  onended: (() => void) | null = null;
  onerror: (() => void) | null = null;
  readonly log: string[] = [];
  private listeners = new Map<string, (() => void)[]>();

  addEventListener(type: string, listener: () => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  private emit(type: string) {
    for (const listener of this.listeners.get(type) ?? []) listener();
    if (type === 'ended') this.onended?.();
    if (type === 'error') this.onerror?.();
  }
  play(): Promise<void> {
    this.log.push(this.src);
    if (this.src.includes('missing')) {
      queueMicrotask(() => this.emit('error'));
      return Promise.reject(new Error('NotSupportedError'));
    }
    this.paused = false;
    this.emit('playing');
    return Promise.resolve();
  }
  pause() {
    if (this.paused) return;
    this.paused = true;
    this.emit('pause');
  }
  removeAttribute(name: string) {
    if (name === 'src') this.src = '';
  }
  load() {}
  /** The sound reaches its end. */
  end() {
    this.paused = true;
    this.emit('ended');
  }
}

const audio = new FakeAudio();
vi.stubGlobal('document', { createElement: () => audio, body: { append: () => {} } });
vi.spyOn(console, 'error').mockImplementation(() => {});
const { voice } = await import('./voice.svelte');

const sound = (key: string, ...sources: string[]) => ({ key, sources: sources.length ? sources : [`/${key}.opus`] });

beforeEach(() => {
  voice.stop();
  audio.log.length = 0;
});

describe('the one voice', () => {
  it('plays a row of sounds in order, saying which one plays', async () => {
    const row = voice.play([sound('question'), sound('answer-1')]);
    await vi.waitFor(() => expect(audio.log).toEqual(['/question.opus']));
    expect(voice.playing('question')).toBe(true);
    expect(voice.playing('answer-1')).toBe(false);
    audio.end();
    await vi.waitFor(() => expect(audio.log).toEqual(['/question.opus', '/answer-1.opus']));
    expect(voice.playing('answer-1')).toBe(true);
    audio.end();
    expect(await row).toBe('ended');
    expect(voice.current).toBeNull();
  });

  it('stops a row when another sound starts: one sound at a time', async () => {
    const row = voice.play([sound('question'), sound('answer-1'), sound('answer-2')]);
    await vi.waitFor(() => expect(audio.log).toEqual(['/question.opus']));
    const tapped = voice.play([sound('answer-2')]);
    expect(await row).toBe('stopped');
    await vi.waitFor(() => expect(audio.log).toEqual(['/question.opus', '/answer-2.opus']));
    audio.end();
    expect(await tapped).toBe('ended');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(audio.log, 'the stopped row goes no further').toEqual(['/question.opus', '/answer-2.opus']);
  });

  it('falls back to the next file when one cannot play', async () => {
    const row = voice.play([sound('verdict', '/voice/hmn/missing.opus', '/voice/vi/quiz-right.opus')]);
    await vi.waitFor(() => expect(audio.log).toEqual(['/voice/hmn/missing.opus', '/voice/vi/quiz-right.opus']));
    audio.end();
    expect(await row).toBe('ended');
  });

  it('says when nothing could play', async () => {
    expect(await voice.play([sound('step', '/missing.opus')])).toBe('failed');
  });

  it('lets a screen stop only the sound it started', async () => {
    const mine = {};
    const row = voice.play([sound('step')], mine);
    await vi.waitFor(() => expect(voice.playing('step')).toBe(true));
    voice.release({});
    expect(voice.playing('step')).toBe(true);
    voice.release(mine);
    expect(await row).toBe('stopped');
    expect(voice.current).toBeNull();
    expect(audio.paused).toBe(true);
  });

  it('pauses and goes on where it was', async () => {
    void voice.play([sound('step')]);
    await vi.waitFor(() => expect(voice.playing('step')).toBe(true));
    voice.pause();
    expect(voice.playing('step')).toBe(false);
    expect(voice.current).toBe('step');
    voice.resume();
    expect(voice.playing('step')).toBe(true);
    expect(audio.log).toEqual(['/step.opus', '/step.opus']);
  });
});
