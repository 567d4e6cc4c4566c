import { execFile, spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { Readable } from 'node:stream';
import { waitFor } from './wait';

/**
 * A private X display (Xvfb) for a headful browser, and xdotool on it: the only way found to
 * deliver a browser-level gesture, such as an extension's keyboard command, which headless
 * browsers and their automation protocols do not take (README, "Keyboard command").
 */

/** The X tools each gesture test needs, with the Debian package that has each. */
const X_TOOLS: readonly { binary: string; pkg: string }[] = [
  { binary: 'Xvfb', pkg: 'xvfb' },
  { binary: 'xdotool', pkg: 'xdotool' },
];

function onPath(binary: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, binary), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** Throws, naming what to install, unless Xvfb and xdotool are on PATH (as for browsers). */
export function requireXTools(): void {
  const missing = X_TOOLS.filter(({ binary }) => !onPath(binary));
  if (missing.length === 0) return;
  throw new Error(
    `[e2e] ${missing.map(({ binary }) => binary).join(' and ')} not found on PATH: the ` +
      'keyboard-command tests run a headful browser on its own X display. Install them ' +
      `(apt-get install -y ${missing.map(({ pkg }) => pkg).join(' ')}).`,
  );
}

/** One Xvfb server and xdotool pointed at it. */
export interface XDisplay {
  /** ":N", for the browser's DISPLAY only. */
  readonly name: string;
  /**
   * Gives keyboard focus to the top-level window whose title contains `marker` (a browser
   * window's title is its selected tab's), once one shows.
   */
  focusWindowTitled(marker: string): Promise<void>;
  /** How many windows are shown (mapped), menus included. */
  windowCount(): Promise<number>;
  /** Moves the pointer to screen point (`x`, `y`). */
  movePointer(x: number, y: number): Promise<void>;
  /** Right-clicks at screen point (`x`, `y`), as a person opens a context menu. */
  rightClickAt(x: number, y: number): Promise<void>;
  /** Moves the pointer to screen point (`x`, `y`) and holds its left button down there. */
  pressPointer(x: number, y: number): Promise<void>;
  /** Lets go of the pointer's left button, wherever the pointer is. */
  releasePointer(): Promise<void>;
  /** Presses a key chord (xdotool's names: `alt+shift+k`, `Tab`, `Return`) into the focus. */
  key(...chords: string[]): Promise<void>;
  /** Stops the server. Safe to call twice. */
  stop(): Promise<void>;
}

const XDOTOOL_TIMEOUT_MS = 20_000;

/** Starts Xvfb on the first free display number (Xvfb picks it: -displayfd). */
export async function startXDisplay(): Promise<XDisplay> {
  requireXTools();
  const server = spawn(
    'Xvfb',
    ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp', '-noreset'],
    { stdio: ['ignore', 'ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  server.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2_000);
  });
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  const number = await new Promise<string>((resolve, reject) => {
    let out = '';
    (server.stdio[3] as Readable).on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = /^(\d+)\n/.exec(out);
      if (line) resolve(line[1]!);
    });
    server.once('error', reject);
    server.once('exit', (code, signal) =>
      reject(new Error(`Xvfb exited (${code ?? signal}) before it was ready: ${stderr.trim()}`)),
    );
  });
  const name = `:${number}`;
  const xdotool = (...args: string[]) =>
    new Promise<string>((resolve, reject) => {
      execFile(
        'xdotool',
        args,
        { env: { ...process.env, DISPLAY: name }, timeout: XDOTOOL_TIMEOUT_MS },
        (error, stdout, stderrText) =>
          error
            ? reject(new Error(`xdotool ${args.join(' ')}: ${stderrText.trim() || error.message}`))
            : resolve(stdout),
      );
    });

  let stopped: Promise<void> | undefined;
  return {
    name,
    async focusWindowTitled(marker) {
      // `search` fails while no window matches; the title follows the tab switch a moment later.
      const window = await waitFor(
        async () => (await xdotool('search', '--onlyvisible', '--name', marker)).split('\n')[0],
        { what: `a window titled …${marker}… on ${name}` },
      );
      // Not windowactivate: that needs a window manager, and this display has none.
      await xdotool('windowfocus', '--sync', window);
    },
    async windowCount() {
      const ids = await xdotool('search', '--onlyvisible', '--name', '').catch(() => '');
      return ids.split('\n').filter(Boolean).length;
    },
    async movePointer(x, y) {
      await xdotool('mousemove', String(x), String(y));
    },
    async rightClickAt(x, y) {
      await xdotool('mousemove', String(x), String(y), 'click', '3');
    },
    async pressPointer(x, y) {
      await xdotool('mousemove', String(x), String(y), 'mousedown', '1');
    },
    async releasePointer() {
      await xdotool('mouseup', '1');
    },
    async key(...chords) {
      await xdotool('key', '--clearmodifiers', ...chords);
    },
    stop() {
      stopped ??= (async () => {
        if (server.exitCode === null && server.signalCode === null) server.kill('SIGTERM');
        await exited;
      })();
      return stopped;
    },
  };
}
