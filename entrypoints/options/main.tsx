import { render } from 'preact';
import { CLIPBOARD_PERMISSIONS, createMessageClient } from '@/src/messaging';
import { OptionsApp, createBrowserSiteGrants } from '@/src/ui/options';
import { startTheme } from '@/src/ui/theme';
import { pageBrowser } from '@/src/ui/page-browser';
import { browserLanguageSetting, loadLanguage } from '@/src/ui/i18n/browser-language';
import '@/src/ui/styles/popup.css';
import '@/src/ui/styles/options.css';

const browser = pageBrowser();
const send = createMessageClient((envelope) => browser.runtime.sendMessage(envelope));
// Before the first render, so the page never shows the other theme's colours first.
startTheme(send);

// The chosen language's catalogue first: every string is read from it as the page renders.
void loadLanguage().then(() =>
  render(
    <OptionsApp
      send={send}
      grants={createBrowserSiteGrants()}
      requestClipboardAccess={() =>
        browser.permissions.request({ permissions: CLIPBOARD_PERMISSIONS as never })
      }
      // The page loads again in the new language: every string is read once, at render.
      language={{ setting: browserLanguageSetting, onChanged: () => location.reload() }}
    />,
    document.getElementById('app')!,
  ),
);
