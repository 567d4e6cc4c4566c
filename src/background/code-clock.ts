import { adoptOffset, isClockOffset, type ClockOffset, type ServerTimeReading } from '../otp';
import type { ClockStatus } from '../messaging/protocol';
import type { LocalArea } from './settings';

const KEY = 'clockOffset';

/** What {@link createCodeClock} needs. */
export interface CodeClockDeps {
  local: LocalArea;
  /** This computer's clock. */
  now: () => number;
  /** The vault's id, or null without a vault: the offset belongs to one vault. */
  vaultId: () => Promise<string | null>;
}

interface Stored extends ClockOffset {
  vaultId: string;
}

function readStored(value: unknown): Stored | null {
  if (!isClockOffset(value)) return null;
  const { vaultId } = value as { vaultId?: unknown };
  return typeof vaultId === 'string' && vaultId !== '' ? { ...value, vaultId } : null;
}

/**
 * The clock every code is made by (docs/architecture.md §3 rule 14): this computer's, plus the
 * offset learned from Cognito's answers as the browser saw them. One offset per vault, kept in
 * `storage.local` (it is not secret) with the vault's id, so a new vault starts from zero.
 * `codeNow` is synchronous: call {@link load} once at start and after a vault is created.
 */
export function createCodeClock(deps: CodeClockDeps) {
  const { local, now } = deps;
  let vaultId: string | null = null;
  let offset: ClockOffset | null = null;

  function status(): ClockStatus {
    return offset
      ? { offsetMs: offset.offsetMs, learnedFrom: offset.host, learnedAtMs: offset.learnedAtMs }
      : { offsetMs: 0 };
  }

  async function save(): Promise<void> {
    await local.set({ [KEY]: offset && vaultId ? { ...offset, vaultId } : null });
  }

  return {
    /** Reads the vault's id and its stored offset (another vault's counts as none). */
    async load(): Promise<void> {
      vaultId = await deps.vaultId();
      const stored = readStored((await local.get(KEY))[KEY]);
      offset = stored && stored.vaultId === vaultId ? stored : null;
    },

    /** The time codes are made for: this computer's clock plus the learned offset. */
    codeNow(): number {
      return now() + (offset?.offsetMs ?? 0);
    },

    /** The offset as the pages show it. */
    status,

    /**
     * A Cognito answer the browser saw arrive (never a page's word): adopts its clock when it
     * is within the bound and differs from the current offset by more than the jitter.
     */
    async observe(reading: ServerTimeReading): Promise<void> {
      if (vaultId === null) return;
      const next = adoptOffset(offset, reading);
      if (next === offset) return;
      offset = next;
      await save();
    },

    /** The person's Reset: codes go by this computer's clock again, until the next answer. */
    async reset(): Promise<ClockStatus> {
      offset = null;
      await save();
      return status();
    },
  };
}

/** The code clock's interface. */
export type CodeClock = ReturnType<typeof createCodeClock>;
