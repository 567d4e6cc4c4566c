// Unit and component tests read the UI in English, as a browser with an English UI shows it.
import en from '../../../public/_locales/en/messages.json';
import { setCatalogue } from '../../../src/ui/i18n';

setCatalogue('en', en);
