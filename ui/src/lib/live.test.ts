import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { watchVersion } from './live';

describe('watching the data version', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.spyOn(console, 'error').mockImplementation(() => {});
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('reloads only when the version moved, and stops when told', async () => {
    let version = 7;
    const changed = vi.fn(async () => {});
    const stop = watchVersion(7, async () => version, changed, 2000);

    await vi.advanceTimersByTimeAsync(2000);
    expect(changed).not.toHaveBeenCalled();

    version = 9;
    await vi.advanceTimersByTimeAsync(2000);
    expect(changed).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(4000);
    expect(changed, 'not again for the same version').toHaveBeenCalledTimes(1);

    stop();
    version = 10;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(changed).toHaveBeenCalledTimes(1);
  });

  it('tries again after a reload failed, and never runs two at once', async () => {
    let version = 1;
    let calls = 0;
    let release: () => void = () => {};
    const changed = vi.fn(async () => {
      calls += 1;
      if (calls === 1) throw new Error('the store was busy');
      await new Promise<void>((done) => (release = done));
    });
    const stop = watchVersion(1, async () => version, changed, 2000);

    version = 2;
    await vi.advanceTimersByTimeAsync(2000);
    expect(changed).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(2000);
    expect(changed, 'tried again').toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(6000);
    expect(changed, 'the slow reload is still running').toHaveBeenCalledTimes(2);
    release();
    await vi.advanceTimersByTimeAsync(4000);
    expect(changed, 'done, and the version is the same').toHaveBeenCalledTimes(2);
    stop();
  });
});
