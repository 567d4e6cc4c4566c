import { createAutoLock, type AlarmsApi } from './auto-lock';
import type { SessionArea } from './session-key';

/** storage.session as a map, counting reads; `hold` makes the next read wait for `release`. */
function fakeSession() {
  const items = new Map<string, unknown>();
  let reads = 0;
  let held: (() => void) | undefined;
  let holdNext = false;
  const area: SessionArea = {
    async get(key) {
      reads += 1;
      // What storage holds when asked; a held read answers it later.
      const answer = items.has(key) ? { [key]: items.get(key) } : {};
      if (holdNext) {
        holdNext = false;
        await new Promise<void>((resolve) => (held = resolve));
      }
      return answer;
    },
    async set(values) {
      for (const [key, value] of Object.entries(values)) items.set(key, value);
    },
    async remove(key) {
      items.delete(key);
    },
  };
  return {
    area,
    reads: () => reads,
    hold: () => (holdNext = true),
    release: () => held?.(),
  };
}

const alarms: AlarmsApi = { create: () => undefined, clear: async () => true };

function setUp(session = fakeSession()) {
  let now = 1_000_000;
  const lock = vi.fn(async () => undefined);
  const autoLock = createAutoLock({
    session: session.area,
    alarms,
    now: () => now,
    idleMinutes: async () => 5,
    lock,
  });
  return { session, autoLock, lock, advance: (ms: number) => (now += ms) };
}

describe('auto-lock', () => {
  it('locks once the idle time has passed since the last touch, and not before', async () => {
    const { autoLock, lock, advance } = setUp();
    await autoLock.touch();
    advance(5 * 60_000 - 1);
    expect(await autoLock.lockIfDue()).toBe(false);
    advance(1);
    expect(await autoLock.lockIfDue()).toBe(true);
    expect(lock).toHaveBeenCalledTimes(1);
  });

  it('checks the deadline without reading storage once it knows it', async () => {
    const { session, autoLock } = setUp();
    await autoLock.lockIfDue();
    await autoLock.touch();
    const reads = session.reads();
    for (let i = 0; i < 5; i++) await autoLock.lockIfDue();
    expect(session.reads()).toBe(reads);
  });

  it('a restarted worker keeps the stored deadline rather than granting a fresh one', async () => {
    const first = setUp();
    await first.autoLock.touch();
    const restarted = setUp(first.session);
    restarted.advance(5 * 60_000);
    expect(await restarted.autoLock.lockIfDue()).toBe(true);
  });

  it('a lock while the stored deadline is read is not undone by what storage said', async () => {
    const { session, autoLock, lock, advance } = setUp();
    const before = setUp(session);
    await before.autoLock.touch(); // a deadline in storage, from an earlier worker
    advance(10 * 60_000); // long past it
    session.hold();
    const checking = autoLock.lockIfDue();
    await autoLock.clear(); // the person locked meanwhile: no deadline any more
    session.release();
    expect(await checking).toBe(false);
    expect(await autoLock.lockIfDue()).toBe(false);
    expect(lock).not.toHaveBeenCalled();
  });

  it('a lock while a touch waits for the idle time is not undone by that touch', async () => {
    const session = fakeSession();
    let answerIdle: (minutes: number) => void = () => {};
    const lock = vi.fn(async () => undefined);
    const now = 1_000_000;
    const autoLock = createAutoLock({
      session: session.area,
      alarms,
      now: () => now,
      idleMinutes: () => new Promise<number>((resolve) => (answerIdle = resolve)),
      lock,
    });
    const touching = autoLock.touch();
    await autoLock.clear(); // the person locked before the idle time was read
    answerIdle(5);
    await touching;
    const restarted = setUp(session);
    expect(await restarted.autoLock.lockIfDue()).toBe(false);
    expect(await session.area.get('autoLockDeadline')).toEqual({});
  });
});
