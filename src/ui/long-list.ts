/**
 * Above this many rows the main group draws only the rows in view. Below, every row is in the
 * page (the browser's find and a screen reader's list reading see them all) at no real cost.
 */
export const VIRTUAL_MIN_ROWS = 100;

/**
 * The popup's opening asks a list longer than this for its first rows only, and for the rest
 * just after its first paint (CodeListing.unsent): so a list cut short is always one drawn
 * only in view, and the first paint waits for no other account's codes (issue 10).
 */
export const OPENING_ROWS = VIRTUAL_MIN_ROWS;

/**
 * A list drawn whole still draws only its first this many rows before the popup's first paint,
 * and the rest just after it: enough rows to fill the popup at its tallest (600 px) whatever
 * sits above them, so the window opens at its final size and nothing in view is missing
 * (issue 10).
 */
export const OPENING_DRAWN_ROWS = 12;
