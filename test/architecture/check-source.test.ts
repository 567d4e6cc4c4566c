import { readFileSync } from 'node:fs';
import { checkSource } from './check-source';

// Each fixture breaks one rule of module-rules.ts (the nine trials of issue 7 first), checked
// under the path it pretends to have. The checker must catch it and say where and why.
const fixture = (name: string) =>
  readFileSync(new URL(`fixtures/${name}`, import.meta.url), 'utf8');

const trials = [
  {
    fixture: 'shared-imports-vault.ts',
    as: 'src/shared/leak.ts',
    line: 2,
    says: "import '../vault': src/shared may not import src/vault (it may import: only its own files) (rule 'src/shared'",
  },
  {
    fixture: 'ui-imports-vault-service.ts',
    as: 'src/ui/pages/leak.tsx',
    line: 2,
    says: "import '../../vault/vault-service': src/ui may not import src/vault",
  },
  {
    fixture: 'ui-imports-background.ts',
    as: 'src/ui/leak.ts',
    line: 2,
    says: "import '../background': src/ui may not import src/background",
  },
  {
    fixture: 'content-imports-storage.ts',
    as: 'src/content/leak.ts',
    line: 2,
    says: "import '../storage': src/content may not import src/storage",
  },
  {
    fixture: 'side-effect-idb.ts',
    as: 'src/vault/leak.ts',
    line: 2,
    says: "side-effect import 'idb': only src/storage imports idb (rule 'src/vault'",
  },
  {
    fixture: 'dynamic-idb.ts',
    as: 'src/background/leak.ts',
    line: 3,
    says: "dynamic import() 'idb': only src/storage imports idb",
  },
  {
    fixture: 'export-from-across.ts',
    as: 'src/otp/leak.ts',
    line: 2,
    says: "export … from '../crypto': src/otp may not import src/crypto",
  },
  {
    fixture: 'browser-global-in-pure.ts',
    as: 'src/cognito/screens/leak.ts',
    line: 3,
    says: "browser global 'document' in pure code: src/cognito/screens runs in plain Node",
  },
  {
    fixture: 'webextension-polyfill.ts',
    as: 'src/background/leak.ts',
    line: 2,
    says: "import 'webextension-polyfill': nobody imports webextension-polyfill: use wxt/browser",
  },
  {
    fixture: 'ui-adapter-imports-wxt-browser.ts',
    as: 'src/ui/i18n/browser-language.ts',
    line: 3,
    says: "import 'wxt/browser': src/ui may not import wxt/browser",
  },
  {
    fixture: 'storage-imports-vault-value.ts',
    as: 'src/storage/leak.ts',
    line: 2,
    says: "import '../vault': src/storage may import only types from src/vault",
  },
  {
    fixture: 'import-require-idb.ts',
    as: 'src/shared/leak.ts',
    line: 2,
    says: "import = require() 'idb': only src/storage imports idb",
  },
  {
    fixture: 'subtle-outside-crypto.ts',
    as: 'src/background/leak.ts',
    line: 2,
    says: 'crypto.subtle outside src/crypto',
  },
  {
    fixture: 'protocol-imports-screens.ts',
    as: 'src/cognito/protocol/leak.ts',
    line: 2,
    says: "import '../screens': src/cognito/protocol may not import src/cognito/screens",
  },
  {
    fixture: 'computed-dynamic-import.ts',
    as: 'src/ui/leak.ts',
    line: 2,
    says: 'a computed module specifier cannot be checked',
  },
  {
    fixture: 'unknown-folder.ts',
    as: 'src/newcomer/thing.ts',
    line: 1,
    says: 'no rule for this folder: add it to test/architecture/module-rules.ts',
  },
];

describe('checkSource on fixtures that break a rule', () => {
  it.each(trials)('$fixture as $as', ({ fixture: name, as, line, says }) => {
    const violations = checkSource(as, fixture(name));
    expect(violations).toHaveLength(1);
    expect(violations[0]!.message).toContain(says);
    expect(violations[0]!.message.startsWith(`${as}:${line}: `)).toBe(true);
  });

  it('stays quiet on edges the table allows', () => {
    expect(checkSource('src/messaging/fine.ts', fixture('allowed-edges.ts'))).toEqual([]);
    expect(checkSource('src/cognito/screens/fine.ts', fixture('screens-allowed-edges.ts'))).toEqual(
      [],
    );
  });

  it('reads the same file differently under another rule', () => {
    const asStorage = checkSource('src/storage/leak.ts', fixture('side-effect-idb.ts'));
    expect(asStorage).toEqual([]);
  });
});
