import { render } from 'preact';
import { browser } from 'wxt/browser';
import { createMessageClient } from '@/src/messaging';
import { App } from '@/src/ui';
import { startTheme } from '@/src/ui/theme';
import { loadLanguage } from '@/src/ui/i18n/browser-language';
import { BACKUP_SECTION_ID } from '@/src/ui/options/backup-anchor';
import '@/src/ui/styles/popup.css';

const send = createMessageClient();
// Before the first render, so the page never shows the other theme's colours first.
startTheme(send);
// The vault's state and codes are asked for while the language loads, not after it.
const opening = { sentAt: Date.now(), state: send('getVaultState', { withCodes: true }) };
// Marked as handled here: the App reports a failure once it renders.
opening.state.catch(() => undefined);

// The chosen language's catalogue first: every string is read from it as the page renders.
void loadLanguage().then(() =>
  render(
    <App
      send={send}
      opening={opening}
      openOptions={() => browser.runtime.openOptionsPage()}
      openBackup={async () => {
        await browser.tabs.create({
          url: browser.runtime.getURL(`/options.html#${BACKUP_SECTION_ID}`),
        });
        window.close();
      }}
    />,
    document.getElementById('app')!,
  ),
);
