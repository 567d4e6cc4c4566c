// @vitest-environment happy-dom
import { Window } from 'happy-dom';
import { detectSignInCodeScreen } from './detect-sign-in-code-screen';
import { allCodeInputs } from './find-code-inputs';
import { SIGN_IN_CORPUS, type CorpusForm } from './__fixtures__/sign-in-corpus';

/** Finds `selector`, stepping into open shadow roots at each ` >>> `. */
function pierce(doc: Document, selector: string): Element {
  let scope: ParentNode = doc;
  let found: Element | null = null;
  for (const step of selector.split(' >>> ')) {
    if (found) scope = found.shadowRoot as ShadowRoot;
    found = scope.querySelector(step);
    if (!found) throw new Error(`fixture has no ${selector}`);
  }
  return found as Element;
}

function render(form: CorpusForm): Document {
  const window = new Window({ url: 'https://app.example.com/login' });
  const doc = window.document as unknown as Document;
  doc.write(`<!doctype html><html><body>${form.html}</body></html>`);
  for (const [host, html] of form.shadows ?? []) {
    pierce(doc, host).attachShadow({ mode: 'open' }).innerHTML = html;
  }
  return doc;
}

/** What the detector found on the form: the code field(s), or nothing. */
function found(form: CorpusForm): { doc: Document; fields: Element[] } {
  const doc = render(form);
  const screen = detectSignInCodeScreen(doc);
  return { doc, fields: screen ? allCodeInputs(screen.codeInputs) : [] };
}

const codeForms = SIGN_IN_CORPUS.filter((form) => form.expected.length > 0);
const decoys = SIGN_IN_CORPUS.filter((form) => form.expected.length === 0);

describe('the sign-in field finder over the corpus', () => {
  it.each(codeForms.map((form) => [form.name, form] as const))(
    'finds the code in %s',
    (_, form) => {
      const { doc, fields } = found(form);
      expect(fields).toEqual(form.expected.map((selector) => pierce(doc, selector)));
    },
  );

  it.each(decoys.map((form) => [form.name, form] as const))('leaves alone %s', (_, form) => {
    expect(found(form).fields).toEqual([]);
  });

  it('finds every code field and takes no decoy (found / missed / false positives)', async ({
    annotate,
  }) => {
    let hits = 0;
    const missed: string[] = [];
    const falsePositives: string[] = [];
    for (const form of SIGN_IN_CORPUS) {
      const { doc, fields } = found(form);
      const wanted = form.expected.map((selector) => pierce(doc, selector));
      const right =
        fields.length === wanted.length && fields.every((field, i) => field === wanted[i]);
      if (wanted.length > 0 && right) hits++;
      else if (wanted.length > 0 && fields.length === 0) missed.push(form.name);
      else if (!right) falsePositives.push(form.name);
    }
    await annotate(
      `sign-in corpus: ${SIGN_IN_CORPUS.length} forms (${codeForms.length} with a code field, ` +
        `${decoys.length} decoys): found ${hits}, missed ${missed.length}, ` +
        `false positives ${falsePositives.length}`,
    );
    expect(SIGN_IN_CORPUS.length).toBeGreaterThanOrEqual(25);
    expect({ hits, missed, falsePositives }).toEqual({
      hits: codeForms.length,
      missed: [],
      falsePositives: [],
    });
  });
});
