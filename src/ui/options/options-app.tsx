import type { SendMessage } from '../../messaging';
import { PreferencesForm } from '../components/preferences-form';
import { useAnnouncer } from '../hooks/use-announcer';
import type { SiteGrants } from './site-grants';
import { SitesSection } from './sites-section';

/** Long enough to read "Keyfob can now help on … Reload its open tabs to start." */
const OPTIONS_ANNOUNCE_MS = 6000;

/** What the options page needs from the outside world; tests pass fakes. */
export interface OptionsAppProps {
  /** Typed requests to the background; this page only sends getSettings and updateSettings. */
  send: SendMessage;
  grants: SiteGrants;
}

/**
 * The options page: the same preferences as the popup's Settings, and the sites Keyfob may
 * run on. It never asks for vault data, so it works while the vault is locked.
 */
export function OptionsApp({ send, grants }: OptionsAppProps) {
  const [status, announce] = useAnnouncer(OPTIONS_ANNOUNCE_MS);
  return (
    <>
      <main class="options">
        <h1>Keyfob options</h1>
        <PreferencesForm send={send} announce={announce} headingLevel={2} />
        <SitesSection grants={grants} announce={announce} />
      </main>
      <p class="toast" role="status">
        {status}
      </p>
    </>
  );
}
