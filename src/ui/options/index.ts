/** The options page. Its entry point renders {@link OptionsApp} with the real dependencies. */
export { OptionsApp, type OptionsAppProps } from './options-app';
export { createBrowserSiteGrants } from './browser-site-grants';
export type { SiteGrants } from './site-grants';
export { BACKUP_SECTION_ID } from './backup-anchor';
