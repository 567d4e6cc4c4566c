// @vitest-environment happy-dom
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import type { SendMessage } from '../../messaging';
import { KeyfobError } from '../../shared';
import { startTestBackground } from '../../../test/support/ui/background';
import { startTheme } from '../theme';
import { ThemeSection } from './theme-section';

const root = document.documentElement;
const themeSelect = () => screen.getByRole('combobox', { name: 'Theme' }) as HTMLSelectElement;

beforeEach(() => {
  localStorage.clear();
  root.removeAttribute('data-theme');
});

describe('the Theme choice', () => {
  it('starts on the system theme, then applies and saves a choice at once', async () => {
    const fake = await startTestBackground();
    render(<ThemeSection send={fake.send} headingLevel={2} />);
    expect(await screen.findByRole('heading', { name: 'Appearance', level: 2 })).toBeTruthy();
    await waitFor(() => expect(themeSelect().value).toBe('system'));
    expect(root.hasAttribute('data-theme')).toBe(false);

    fireEvent.change(themeSelect(), { target: { value: 'dark' } });
    expect(root.getAttribute('data-theme')).toBe('dark');
    await waitFor(async () => expect((await fake.elsewhere('getSettings', {})).theme).toBe('dark'));

    fireEvent.change(themeSelect(), { target: { value: 'system' } });
    expect(root.hasAttribute('data-theme')).toBe(false);
    await waitFor(async () =>
      expect((await fake.elsewhere('getSettings', {})).theme).toBe('system'),
    );
  });

  it('keeps the newest choice when an earlier choice is answered late', async () => {
    const fake = await startTestBackground({ settings: { theme: 'system' } });
    let answerFirst: () => void = () => {};
    const firstAnswerHeld = new Promise<void>((resolve) => (answerFirst = resolve));
    let saves = 0;
    // Saved in order, as the background saves them; only the first answer is held back.
    const send = (async (type, data) => {
      const first = type === 'updateSettings' && saves++ === 0;
      const answer = await fake.send(type, data);
      if (first) await firstAnswerHeld;
      return answer;
    }) as SendMessage;
    render(<ThemeSection send={send} />);
    await waitFor(() => expect(themeSelect().value).toBe('system'));

    fireEvent.change(themeSelect(), { target: { value: 'light' } });
    fireEvent.change(themeSelect(), { target: { value: 'dark' } });
    await waitFor(async () => expect((await fake.elsewhere('getSettings', {})).theme).toBe('dark'));
    answerFirst();
    await new Promise((resolve) => setTimeout(resolve, 0));
    // The light answer came last, but dark was chosen last and is stored: the page stays dark.
    expect(root.getAttribute('data-theme')).toBe('dark');
    expect(themeSelect().value).toBe('dark');
  });

  it('goes back to the stored theme and says why when saving fails', async () => {
    const fake = await startTestBackground({ settings: { theme: 'light' } });
    const send = ((type, data) =>
      type === 'updateSettings'
        ? Promise.reject(new KeyfobError('storage-failed', 'Could not save.'))
        : fake.send(type, data)) as SendMessage;
    render(<ThemeSection send={send} />);
    await waitFor(() => expect(themeSelect().value).toBe('light'));

    fireEvent.change(themeSelect(), { target: { value: 'dark' } });
    expect(await screen.findByRole('alert')).toBeTruthy();
    expect(themeSelect().value).toBe('light');
    expect(root.getAttribute('data-theme')).toBe('light');
  });
});

describe('a page starting', () => {
  it('shows the last theme at once, then the one the background keeps', async () => {
    const fake = await startTestBackground({ settings: { theme: 'dark' } });
    localStorage.setItem('keyfob.theme', 'light');
    startTheme(fake.send);
    expect(root.getAttribute('data-theme')).toBe('light');
    await waitFor(() => expect(root.getAttribute('data-theme')).toBe('dark'));
    // The next page starts dark without waiting.
    root.removeAttribute('data-theme');
    startTheme(fake.send);
    expect(root.getAttribute('data-theme')).toBe('dark');
  });

  it('follows a choice made in another open page', async () => {
    const fake = await startTestBackground();
    startTheme(fake.send, localStorage, (listen) => listen());
    await waitFor(() => expect(localStorage.getItem('keyfob.theme')).toBe('system'));
    window.dispatchEvent(new StorageEvent('storage', { key: 'keyfob.theme', newValue: 'dark' }));
    expect(root.getAttribute('data-theme')).toBe('dark');
  });

  it('listens once it has painted, and takes a choice made before then', async () => {
    const fake = await startTestBackground();
    let listen = () => {};
    startTheme(fake.send, localStorage, (later) => (listen = later));
    await waitFor(() => expect(localStorage.getItem('keyfob.theme')).toBe('system'));
    // Another page chose dark before this one listened: its storage event came too early.
    localStorage.setItem('keyfob.theme', 'dark');
    expect(root.getAttribute('data-theme')).toBeNull();
    listen();
    expect(root.getAttribute('data-theme')).toBe('dark');
  });
});
