import { createSettingsStore, type LocalArea } from './settings';

function memoryArea(initial: Record<string, unknown> = {}): LocalArea {
  const items = { ...initial };
  return {
    async get(key) {
      return key in items ? { [key]: items[key] } : {};
    },
    async set(more) {
      Object.assign(items, structuredClone(more));
    },
  };
}

describe('the theme preference', () => {
  it('follows the system until one is chosen, and keeps the choice', async () => {
    const area = memoryArea();
    expect((await createSettingsStore(area).get()).theme).toBe('system');
    await createSettingsStore(area).update({ theme: 'dark' });
    expect((await createSettingsStore(area).get()).theme).toBe('dark');
  });

  it('refuses anything but system, light or dark', async () => {
    const store = createSettingsStore(memoryArea());
    await expect(store.update({ theme: 'blue' as never })).rejects.toMatchObject({
      code: 'settings-invalid',
    });
    expect((await store.get()).theme).toBe('system');
  });

  it('falls back to the system for a damaged stored value, keeping the other settings', async () => {
    const store = createSettingsStore(
      memoryArea({ settings: { theme: 'purple', autoLockMinutes: 7 } }),
    );
    expect(await store.get()).toMatchObject({ theme: 'system', autoLockMinutes: 7 });
  });
});

describe('reading the settings', () => {
  /** An area counting its reads; `fail` makes the next read throw. */
  function countingArea(initial: Record<string, unknown> = {}) {
    const area = memoryArea(initial);
    let reads = 0;
    let failNext = false;
    return {
      area: {
        async get(key: string) {
          reads += 1;
          if (failNext) {
            failNext = false;
            throw new Error('storage unavailable');
          }
          return area.get(key);
        },
        set: (items: Record<string, unknown>) => area.set(items),
      } satisfies LocalArea,
      reads: () => reads,
      fail: () => (failNext = true),
    };
  }

  it('asks storage once per worker, and keeps its copy in step with its own saves', async () => {
    const counted = countingArea({ settings: { autoLockMinutes: 7 } });
    const store = createSettingsStore(counted.area);
    for (let i = 0; i < 5; i++) expect((await store.get()).autoLockMinutes).toBe(7);
    expect(counted.reads()).toBe(1);
    await store.update({ autoLockMinutes: 9 }); // reads the old auto-fill switch once
    const reads = counted.reads();
    expect((await store.get()).autoLockMinutes).toBe(9);
    expect(counted.reads()).toBe(reads);
    // Callers get their own copy: changing one changes nothing stored.
    (await store.get()).autoLockMinutes = 1;
    expect((await store.get()).autoLockMinutes).toBe(9);
    // A restarted worker reads what was saved.
    expect((await createSettingsStore(counted.area).get()).autoLockMinutes).toBe(9);
  });

  it('tries again after a read that failed', async () => {
    const counted = countingArea({ settings: { autoLockMinutes: 7 } });
    const store = createSettingsStore(counted.area);
    counted.fail();
    await expect(store.get()).rejects.toThrow('storage unavailable');
    expect((await store.get()).autoLockMinutes).toBe(7);
  });
});

describe('saving the settings', () => {
  it('keeps every one of several saves made at once, and a save made during the migration', async () => {
    const area = memoryArea({ settings: { autoLockMinutes: 7, autoFillSignIn: true } });
    const store = createSettingsStore(area);
    await Promise.all([
      store.update({ autoLockMinutes: 9 }),
      store.update({ theme: 'dark' }),
      store.legacyAutoFill.forget(),
      store.update({ deviceName: 'Laptop' }),
    ]);
    // What a restarted worker reads: every change, and the old switch gone.
    const restarted = createSettingsStore(area);
    expect(await restarted.get()).toMatchObject({
      autoLockMinutes: 9,
      theme: 'dark',
      deviceName: 'Laptop',
    });
    expect(await restarted.legacyAutoFill.read()).toBeUndefined();
    expect(await store.get()).toEqual(await restarted.get());
  });

  it('refuses a bad value at once, without losing the saves around it', async () => {
    const store = createSettingsStore(memoryArea());
    const saves = [
      store.update({ theme: 'light' }),
      store.update({ autoLockMinutes: 0 }),
      store.update({ accountSort: 'name' }),
    ];
    await expect(saves[1]).rejects.toThrow('Auto-lock');
    await Promise.all([saves[0], saves[2]]);
    expect(await store.get()).toMatchObject({ theme: 'light', accountSort: 'name' });
  });
});
