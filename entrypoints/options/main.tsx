import { render } from 'preact';
import { createMessageClient } from '@/src/messaging';
import { OptionsApp, createBrowserSiteGrants } from '@/src/ui/options';
import '@/src/ui/styles/popup.css';
import '@/src/ui/styles/options.css';

render(
  <OptionsApp send={createMessageClient()} grants={createBrowserSiteGrants()} />,
  document.getElementById('app')!,
);
