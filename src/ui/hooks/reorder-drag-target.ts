/** The account id of the row `target` is in, if any. */
export const idOf = (target: EventTarget | null) =>
  (target as HTMLElement | null)?.closest<HTMLElement>('[data-account-id]')?.dataset.accountId;
