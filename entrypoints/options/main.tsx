import { render } from 'preact';
import { browser } from 'wxt/browser';
import { CLIPBOARD_PERMISSIONS } from '@/src/background/browser-clipboard';
import { createMessageClient } from '@/src/messaging';
import { OptionsApp, createBrowserSiteGrants } from '@/src/ui/options';
import '@/src/ui/styles/popup.css';
import '@/src/ui/styles/options.css';

render(
  <OptionsApp
    send={createMessageClient()}
    grants={createBrowserSiteGrants()}
    requestClipboardAccess={() =>
      browser.permissions.request({ permissions: CLIPBOARD_PERMISSIONS as never })
    }
  />,
  document.getElementById('app')!,
);
