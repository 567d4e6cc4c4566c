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

// The chosen language's catalogue first: every string is read from it as the page renders.
void loadLanguage().then(() =>
  render(
    <App
      send={send}
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
