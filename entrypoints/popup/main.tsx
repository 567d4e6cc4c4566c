import { render } from 'preact';
import { browser } from 'wxt/browser';
import { createMessageClient } from '@/src/messaging';
import { App } from '@/src/ui';
import { loadLanguage } from '@/src/ui/i18n/browser-language';
import { BACKUP_SECTION_ID } from '@/src/ui/options/backup-anchor';
import '@/src/ui/styles/popup.css';

// The chosen language's catalogue first: every string is read from it as the page renders.
void loadLanguage().then(() =>
  render(
    <App
      send={createMessageClient()}
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
