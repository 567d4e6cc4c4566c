// @vitest-environment happy-dom
import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { KeyfobError } from '../../shared';
import { startTestBackground, type BackgroundOptions } from '../../../test/support/ui/background';
import { press, tabTo, type } from '../../../test/support/ui/keyboard';
import { OptionsApp } from './options-app';
import type { SiteGrants } from './site-grants';

/** Sites in memory; `answer` is what the browser's permission prompt returns. */
function fakeGrants(initial: string[] = []) {
  const sites = new Set(initial);
  let answer = true;
  const grants = {
    list: vi.fn(async () => [...sites].sort()),
    grant: vi.fn((site: string) =>
      Promise.resolve().then(() => {
        if (answer) sites.add(site);
        return answer;
      }),
    ),
    revoke: vi.fn(async (site: string) => {
      sites.delete(site);
    }),
  } satisfies SiteGrants;
  return { grants, sites, decline: () => (answer = false) };
}

async function renderOptions(initialSites: string[] = [], options: BackgroundOptions = {}) {
  // Locked on purpose: the options page must work without the vault.
  const fake = await startTestBackground({ unlocked: false, ...options });
  const site = fakeGrants(initialSites);
  render(<OptionsApp send={fake.send} grants={site.grants} />);
  return { fake, ...site };
}

const fill = (label: string, value: string) =>
  fireEvent.input(screen.getByLabelText(label), { target: { value } });
const allow = () =>
  fireEvent.click(screen.getByRole('button', { name: 'Allow Keyfob on this site' }));
const allowedSites = () =>
  within(screen.getByRole('list', { name: 'Allowed sites' }))
    .getAllByRole('listitem')
    .map((item) => item.querySelector('.site-name')?.textContent);

describe('clock', () => {
  it('shows the offset Keyfob learned and where from, and resets it', async () => {
    const { fake } = await renderOptions([], { serverAheadMs: 90_000 });
    expect(await screen.findByRole('heading', { name: 'Clock', level: 2 })).toBeTruthy();
    expect(
      await screen.findByText(
        /^Keyfob adds \+90 s to this computer’s clock, learned from cognito-idp\.eu-west-1\.amazonaws\.com at .+\.$/,
      ),
    ).toBeTruthy();
    expect(screen.getByText(/This computer’s clock is 90 s behind/)).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Reset clock' }));
    expect(await screen.findByText('Keyfob uses this computer’s clock as it is.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Reset clock' })).toBeNull();
    expect(screen.queryByText(/This computer’s clock is/)).toBeNull();
    expect(await fake.elsewhere('getClock', {})).toEqual({ offsetMs: 0 });
  });

  it('tells of a computer clock ahead, with a minus', async () => {
    await renderOptions([], { serverAheadMs: -42_000 });
    expect(await screen.findByText(/^Keyfob adds −41 s to this computer’s clock/)).toBeTruthy();
    expect(screen.getByText(/This computer’s clock is 41 s ahead/)).toBeTruthy();
  });
});

describe('preferences', () => {
  const checkbox = (name: string) => screen.getByRole('checkbox', { name }) as HTMLInputElement;
  const AUTO_SUBMIT = 'Submit the setup form after filling the code';

  it('shows and saves the settings while the vault is locked, only what changed', async () => {
    const { fake } = await renderOptions([], {
      settings: { deviceName: 'Laptop', autoLockMinutes: 10, autoSubmitSetup: true },
    });
    expect(await screen.findByRole('heading', { name: 'Keyfob options', level: 1 })).toBeTruthy();
    expect(((await screen.findByLabelText('Device name')) as HTMLInputElement).value).toBe(
      'Laptop',
    );
    expect((screen.getByLabelText('Auto-lock after (minutes)') as HTMLInputElement).value).toBe(
      '10',
    );
    expect(checkbox(AUTO_SUBMIT).checked).toBe(true);

    fill('Auto-lock after (minutes)', '20');
    fill('Device name', '  Keyfob on Firefox ');
    fireEvent.click(checkbox(AUTO_SUBMIT));
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('Settings saved')).toBeTruthy();
    expect(await fake.elsewhere('getSettings', {})).toMatchObject({
      autoLockMinutes: 20,
      deviceName: 'Keyfob on Firefox',
      autoSubmitSetup: false,
    });
    // Only the changed fields: a save here must not undo one made meanwhile elsewhere.
    expect(fake.mock).toHaveBeenCalledWith('updateSettings', {
      autoLockMinutes: 20,
      deviceName: '  Keyfob on Firefox ',
      autoSubmitSetup: false,
    });
    // The field shows what the background kept.
    expect((screen.getByLabelText('Device name') as HTMLInputElement).value).toBe(
      'Keyfob on Firefox',
    );
    // Nothing from the locked vault: the settings verbs, and whether it is locked.
    const verbs = new Set(fake.mock.mock.calls.map(([name]) => name));
    expect([...verbs].sort()).toEqual([
      'getAutoFillSites',
      'getClock',
      'getSettings',
      'getVaultState',
      'updateSettings',
    ]);
  });

  it('groups what concerns Amazon Cognito under the sign-in helper, explained', async () => {
    await renderOptions();
    const helper = await screen.findByRole('group', { name: 'Sign-in helper (Amazon Cognito)' });
    const inHelper = within(helper);
    expect(inHelper.getByLabelText('Device name')).toBeTruthy();
    expect(inHelper.getByRole('checkbox', { name: AUTO_SUBMIT })).toBeTruthy();
    // Automatic fill is a choice per site now, no longer one switch for all.
    expect(screen.queryByRole('checkbox', { name: /automatically/ })).toBeNull();
    expect(helper.textContent).toMatch(/set up an authenticator app, Keyfob can do it for you/);
    const general = screen.getByRole('group', { name: 'General' });
    expect(within(general).getByLabelText('Auto-lock after (minutes)')).toBeTruthy();
    expect(within(general).queryByLabelText('Device name')).toBeNull();
  });

  it('shows the auto-lock range before any error, and the background refusal after', async () => {
    const { fake } = await renderOptions([], { settings: { autoLockMinutes: 15 } });
    const field = (await screen.findByLabelText('Auto-lock after (minutes)')) as HTMLInputElement;
    expect(field.value).toBe('15');
    expect(field.max).toBe('1440');
    const hint = document.getElementById(field.getAttribute('aria-describedby') ?? '');
    expect(hint?.textContent).toMatch(/from 1 to 1,440 \(one day\)/);
    expect(screen.queryByRole('alert')).toBeNull();

    fill('Auto-lock after (minutes)', '0');
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Auto-lock must be a whole number of minutes from 1 to 1440.',
    );
    expect(await fake.elsewhere('getSettings', {})).toMatchObject({ autoLockMinutes: 15 });
  });

  it("keeps the input and shows the background's refusal", async () => {
    const { fake } = await renderOptions();
    await screen.findByLabelText('Device name');
    fill('Device name', 'bad\u0007name');
    fireEvent.click(checkbox(AUTO_SUBMIT));
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));

    expect((await screen.findByRole('alert')).textContent).toBe(
      'The device name must be 1 to 64 printable characters.',
    );
    expect((screen.getByLabelText('Device name') as HTMLInputElement).value).toBe('bad\u0007name');
    expect(checkbox(AUTO_SUBMIT).checked).toBe(true);
    expect(await fake.elsewhere('getSettings', {})).toMatchObject({
      deviceName: 'Keyfob',
      autoSubmitSetup: false,
    });
  });
});

describe('clearing copied codes', () => {
  const CLEAR = 'Clear a copied code from the clipboard when it expires';

  it('asks the browser for clipboard access on Save, and saves nothing if refused', async () => {
    const fake = await startTestBackground({ unlocked: false });
    let answer = false;
    const requestClipboardAccess = vi.fn(async () => answer);
    render(
      <OptionsApp
        send={fake.send}
        grants={fakeGrants().grants}
        requestClipboardAccess={requestClipboardAccess}
      />,
    );
    fireEvent.click(await screen.findByRole('checkbox', { name: CLEAR }));
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/only with access to it/);
    expect(await fake.elsewhere('getSettings', {})).toMatchObject({ clearClipboard: false });

    answer = true;
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Settings saved')).toBeTruthy();
    expect(await fake.elsewhere('getSettings', {})).toMatchObject({ clearClipboard: true });
    expect(requestClipboardAccess).toHaveBeenCalledTimes(2);

    // Saving something else later does not ask again.
    fill('Device name', 'Laptop');
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Settings saved');
    expect(requestClipboardAccess).toHaveBeenCalledTimes(2);
  });

  it('is not offered without a way to ask for clipboard access', async () => {
    await renderOptions();
    await screen.findByLabelText('Device name');
    expect(screen.queryByRole('checkbox', { name: CLEAR })).toBeNull();
  });
});

describe('sites', () => {
  it('lists the sites allowed so far', async () => {
    await renderOptions(['https://b.example.org', 'http://localhost']);
    await screen.findByRole('list', { name: 'Allowed sites' });
    expect(allowedSites()).toEqual(['http://localhost', 'https://b.example.org']);
  });

  it('says when there are none', async () => {
    await renderOptions();
    expect(await screen.findByText('No sites allowed yet.')).toBeTruthy();
  });

  it('allows a site: normalised, asked for inside the click, then listed', async () => {
    const { grants } = await renderOptions();
    await screen.findByText('No sites allowed yet.');
    fill('Site address', ' https://App.Example.com/ ');
    allow();
    // Synchronously, before anything was awaited: the browser needs the click's gesture.
    expect(grants.grant).toHaveBeenCalledWith('https://app.example.com');

    await screen.findByRole('list', { name: 'Allowed sites' });
    expect(allowedSites()).toEqual(['https://app.example.com']);
    expect(screen.getByRole('status').textContent).toBe(
      'Keyfob can now help on https://app.example.com. Reload its open tabs to start.',
    );
    expect((screen.getByLabelText('Site address') as HTMLInputElement).value).toBe('');
  });

  it('refuses an address that is not one exact https site, without asking the browser', async () => {
    const { grants } = await renderOptions();
    await screen.findByText('No sites allowed yet.');

    fill('Site address', 'https://*.example.com');
    allow();
    expect(screen.getByRole('alert').textContent).toBe(
      'Enter one exact site: wildcards (*) are not allowed.',
    );
    fill('Site address', 'https://app.example.com/login');
    allow();
    expect(screen.getByRole('alert').textContent).toBe(
      'Enter the site without a path: https://app.example.com.',
    );
    fill('Site address', 'http://app.example.com');
    allow();
    expect(screen.getByRole('alert').textContent).toBe(
      'Use https://. Plain http:// is allowed only for localhost and 127.0.0.1.',
    );

    expect(grants.grant).not.toHaveBeenCalled();
    const field = screen.getByLabelText('Site address') as HTMLInputElement;
    expect(field.value).toBe('http://app.example.com');
    expect(document.activeElement).toBe(field);
  });

  it('says so when the browser’s request is declined', async () => {
    const { decline } = await renderOptions();
    await screen.findByText('No sites allowed yet.');
    decline();
    fill('Site address', 'app.example.com');
    allow();

    expect((await screen.findByRole('alert')).textContent).toBe(
      'Keyfob was not allowed on https://app.example.com: the browser’s request was declined.',
    );
    expect(screen.getByText('No sites allowed yet.')).toBeTruthy();
    expect((screen.getByLabelText('Site address') as HTMLInputElement).value).toBe(
      'app.example.com',
    );
  });

  it('refuses "not a url" and other non-hosts with a sentence, without asking the browser', async () => {
    const { grants } = await renderOptions();
    await screen.findByText('No sites allowed yet.');
    for (const typed of ['not a url', 'notaurl', 'https://1234']) {
      fill('Site address', typed);
      allow();
      expect(screen.getByRole('alert').textContent).toBe(
        'That is not a web address. Enter one such as https://app.example.com.',
      );
    }
    expect(grants.grant).not.toHaveBeenCalled();
  });

  it('ends the wait for a prompt that never answers, and asks again on the next click', async () => {
    const { grants, sites } = await renderOptions();
    await screen.findByText('No sites allowed yet.');
    let answerLate: (granted: boolean) => void = () => {};
    grants.grant.mockImplementationOnce(
      () => new Promise<boolean>((resolve) => (answerLate = resolve)),
    );
    fill('Site address', 'app.example.com');
    allow();
    expect(grants.grant).toHaveBeenCalledTimes(1);
    expect(
      await screen.findByText(
        'Answer your browser’s prompt to allow Keyfob on https://app.example.com.',
      ),
    ).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Stop waiting' }));
    expect(screen.getByRole('alert').textContent).toBe(
      'Nothing was allowed on https://app.example.com: the browser gave no answer. Choose “Allow Keyfob on this site” to ask again.',
    );
    expect(screen.queryByRole('button', { name: 'Stop waiting' })).toBeNull();
    expect(document.activeElement).toBe(screen.getByLabelText('Site address'));

    // A late "no" from the abandoned prompt changes nothing on the page.
    answerLate(false);
    allow();
    expect(grants.grant).toHaveBeenCalledTimes(2);
    await screen.findByRole('list', { name: 'Allowed sites' });
    expect(allowedSites()).toEqual(['https://app.example.com']);
    expect(sites.has('https://app.example.com')).toBe(true);
  });

  it('a second click while a prompt is open asks again instead of doing nothing', async () => {
    const { grants } = await renderOptions();
    await screen.findByText('No sites allowed yet.');
    grants.grant.mockImplementationOnce(() => new Promise<boolean>(() => {}));
    fill('Site address', 'app.example.com');
    allow();
    allow();
    expect(grants.grant).toHaveBeenCalledTimes(2);
    await screen.findByRole('list', { name: 'Allowed sites' });
    expect(screen.queryByRole('button', { name: 'Stop waiting' })).toBeNull();
  });

  it('shows a failure to set the site up', async () => {
    const { grants } = await renderOptions();
    await screen.findByText('No sites allowed yet.');
    grants.grant.mockRejectedValueOnce(
      new KeyfobError('site-scripts-failed', 'Keyfob could not start on https://app.example.com.'),
    );
    fill('Site address', 'https://app.example.com');
    allow();
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Keyfob could not start on https://app.example.com.',
    );
  });

  it('removes a site and keeps focus in the list', async () => {
    const { grants } = await renderOptions(['https://a.example.com', 'https://b.example.com']);
    fireEvent.click(await screen.findByRole('button', { name: 'Remove https://a.example.com' }));

    expect(await screen.findByText('Removed https://a.example.com')).toBeTruthy();
    expect(grants.revoke).toHaveBeenCalledWith('https://a.example.com');
    expect(allowedSites()).toEqual(['https://b.example.com']);
    expect(document.activeElement).toBe(
      screen.getByRole('button', { name: 'Remove https://b.example.com' }),
    );

    fireEvent.click(screen.getByRole('button', { name: 'Remove https://b.example.com' }));
    expect(await screen.findByText('No sites allowed yet.')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByLabelText('Site address'));
  });

  it('shows a failure to remove', async () => {
    const { grants } = await renderOptions(['https://a.example.com']);
    grants.revoke.mockRejectedValueOnce(
      new KeyfobError(
        'site-revoke-failed',
        'Keyfob could not give up its access to https://a.example.com.',
      ),
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Remove https://a.example.com' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Keyfob could not give up its access to https://a.example.com.',
    );
    expect(allowedSites()).toEqual(['https://a.example.com']);
  });

  it('works from the keyboard alone', async () => {
    const { grants } = await renderOptions();
    await screen.findByText('No sites allowed yet.');
    tabTo((element) => element === screen.getByLabelText('Site address'));
    type('http://localhost:3000');
    press('Enter');
    expect(grants.grant).toHaveBeenCalledWith('http://localhost');
    await screen.findByRole('list', { name: 'Allowed sites' });

    tabTo((element) => element === screen.getByRole('button', { name: 'Remove http://localhost' }));
    press('Enter');
    expect(await screen.findByText('No sites allowed yet.')).toBeTruthy();
  });
});

describe('automatic sign-in fill', () => {
  const SITE = 'https://app.example.com';
  const OTHER = 'https://other.example:8443';
  const listed = () =>
    within(screen.getByRole('list', { name: 'Sites with automatic fill' }))
      .getAllByRole('listitem')
      .map((item) => item.querySelector('.site-name')?.textContent);

  it('lists the sites where it is on, and turns one off', async () => {
    const fake = await startTestBackground({
      accounts: [
        { issuer: 'Acme', account: 'alice', origin: SITE },
        { issuer: 'Other', account: 'bob', origin: OTHER },
      ],
    });
    await fake.elsewhere('setAutoFill', { origin: SITE, on: true });
    await fake.elsewhere('setAutoFill', { origin: OTHER, on: true });
    render(<OptionsApp send={fake.send} grants={fakeGrants().grants} />);
    await screen.findByRole('list', { name: 'Sites with automatic fill' });
    expect(listed()).toEqual([SITE, OTHER]);

    fireEvent.click(screen.getByRole('button', { name: `Turn off automatic fill on ${SITE}` }));
    await waitFor(() => expect(listed()).toEqual([OTHER]));
    expect(await fake.elsewhere('getAutoFillSites', {})).toEqual({ origins: [OTHER] });
    expect(screen.getByRole('status').textContent).toBe(`Automatic fill is off on ${SITE}`);
  });

  it('says it is off everywhere by default', async () => {
    const fake = await startTestBackground({
      accounts: [{ issuer: 'Acme', account: 'alice', origin: SITE }],
    });
    render(<OptionsApp send={fake.send} grants={fakeGrants().grants} />);
    expect(await screen.findByText('Automatic fill is off on every site.')).toBeTruthy();
  });

  it('asks for the unlock before showing which sites they are', async () => {
    await renderOptions();
    expect(
      await screen.findByText(
        'Unlock Keyfob to see these sites: which sites they are is kept in your locked vault.',
      ),
    ).toBeTruthy();
    expect(screen.queryByRole('list', { name: 'Sites with automatic fill' })).toBeNull();
  });
});
