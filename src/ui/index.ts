/** The popup UI. Entry points render {@link App} with a real message client. */
export { App, type AppProps } from './app';
export type { ClipboardWriter } from './pages/vault-page';
