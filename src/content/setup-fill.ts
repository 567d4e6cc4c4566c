import type { SetupScreen } from '../cognito/screens';
import { codeInputList, codeValue, fillCode, fillIfEmpty, submitCode } from './fill';
import { markFill, type FillMark } from './fill-mark';
import type { FieldVisibility } from './visibility';

/** A code for an enrollment, to go into its setup screen. */
export interface SetupFill {
  code: string;
  /** Typed into the page's device-name field if it has an empty one ('' for none). */
  deviceName: string;
  autoSubmit: boolean;
  enrollmentId?: string;
}

/** What {@link createSetupFiller} needs. */
export interface SetupFillerDeps {
  /** The tab's sessionStorage, for the left-setup note; undefined where the page has none. */
  notes: Storage | undefined;
  now(): number;
  /** Settles once the page observer holds the device name (or soon). */
  configAck(): Promise<void>;
  isStopped(): boolean;
  /** Why a person cannot see a field, or null when they can (./visibility). */
  whyHidden: FieldVisibility;
}

/** Puts codes into setup screens. */
export interface SetupFiller {
  /**
   * Fills `fill` into `screen`, and submits if it says so. The same code for the same
   * enrollment that the screen already shows is left alone unless `force`. A code field the
   * person cannot see is never filled (false), and a device-name field they cannot see is left
   * alone. True: the screen holds the code.
   */
  apply(screen: SetupScreen, fill: SetupFill, force: boolean): Promise<boolean>;
  /**
   * The page observer has seen this page's own Cognito calls: VerifySoftwareToken's answer
   * will be observed, so fills leave no left-setup note from now on.
   */
  observerSeesTraffic(): void;
}

/**
 * Fills setup screens. On a server-rendered setup page (no observed Cognito traffic) each fill
 * leaves a note in the tab's sessionStorage, so that the next page of this origin can tell how
 * the setup went (./fill-mark).
 */
export function createSetupFiller(deps: SetupFillerDeps): SetupFiller {
  const { notes, now, configAck, isStopped, whyHidden } = deps;
  // Only ever asked while filling: a field merely out of view is scrolled into view first.
  const canSee = (field: Element) => whyHidden(field, true) === null;
  let lastFill: { enrollmentId?: string; code: string } | undefined;
  let seesTraffic = false;

  return {
    async apply(screen, fill, force) {
      const repeat =
        lastFill?.enrollmentId === fill.enrollmentId &&
        lastFill?.code === fill.code &&
        codeValue(screen.codeInputs) === fill.code;
      if (repeat && !force) return true;
      if (!codeInputList(screen.codeInputs).every(canSee)) return false;
      fillCode(screen.codeInputs, fill.code);
      if (fill.deviceName && screen.deviceName && canSee(screen.deviceName.input)) {
        fillIfEmpty(screen.deviceName.input, fill.deviceName);
      }
      lastFill = { code: fill.code };
      if (fill.enrollmentId !== undefined) lastFill.enrollmentId = fill.enrollmentId;
      if (!seesTraffic) {
        const mark: FillMark = { at: now() };
        if (fill.enrollmentId !== undefined) mark.enrollmentId = fill.enrollmentId;
        markFill(notes, mark);
      }
      if (fill.autoSubmit) {
        // The observer must hold the device name before the page sends VerifySoftwareToken.
        await configAck();
        if (!isStopped()) submitCode(screen.form, screen.submit);
      }
      return true;
    },
    observerSeesTraffic() {
      seesTraffic = true;
    },
  };
}
