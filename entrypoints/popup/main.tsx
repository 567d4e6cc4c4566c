import { render } from 'preact';
import { browser } from 'wxt/browser';
import { createMessageClient } from '@/src/messaging';
import { App } from '@/src/ui';
import { BACKUP_SECTION_ID } from '@/src/ui/options/backup-anchor';
import '@/src/ui/styles/popup.css';

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
);
