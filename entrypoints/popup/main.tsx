import { render } from 'preact';
import { createMessageClient } from '@/src/messaging';
import { App } from '@/src/ui';
import { pageBrowser } from '@/src/ui/page-browser';
import { startTheme } from '@/src/ui/theme';
import { loadLanguage } from '@/src/ui/i18n/browser-language';
import { answeredWithin, openingRequest, takeEarlyStart } from '@/src/ui/early-start';
import { BACKUP_SECTION_ID } from '@/src/ui/options/backup-anchor';
import '@/src/ui/styles/popup.css';

const browser = pageBrowser();
const send = createMessageClient((envelope) => browser.runtime.sendMessage(envelope));
// Before the first render, so the page never shows the other theme's colours first.
startTheme(send);
// The vault's state and the language were asked for by the early script in <head>, while this
// module loaded.
const early = takeEarlyStart(window);
const opening = openingRequest(early, send);

// The language first (every string is read from it), then a short wait for the vault's answer.
void loadLanguage(early?.language)
  .then(() => answeredWithin(opening))
  .then((first) =>
    render(
      <App
        send={send}
        opening={first}
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
