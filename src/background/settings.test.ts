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
