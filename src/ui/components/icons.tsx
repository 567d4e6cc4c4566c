import type { SVGAttributes } from 'preact';

/** Decorative icons: hidden from assistive tech, the button around each carries the name. */
function Icon(path: SVGAttributes<SVGPathElement>) {
  return (
    <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path fill="currentColor" {...path} />
    </svg>
  );
}

/** A gear, for the settings button. */
export const GearIcon = () => (
  <Icon
    d="M19.4 13a7.6 7.6 0 0 0 0-2l2.1-1.6-2-3.5-2.5 1a7.4 7.4 0 0 0-1.7-1L15 3.3h-4l-.4 2.6a7.4 7.4 0 0 0-1.7 1l-2.5-1-2 3.5L6.5 11a7.6 7.6 0 0 0 0 2l-2.1 1.6 2 3.5 2.5-1c.5.4 1.1.7 1.7 1l.4 2.6h4l.4-2.6c.6-.3 1.2-.6 1.7-1l2.5 1 2-3.5L19.4 13ZM13 15.5a3.5 3.5 0 1 1 0-7 3.5 3.5 0 0 1 0 7Z"
    transform="translate(-1 0)"
  />
);

/** A pencil, for the per-row edit button. */
export const PencilIcon = () => (
  <Icon d="M3 17.3V21h3.7L17.8 9.9l-3.7-3.7L3 17.3Zm17.7-10.2a1 1 0 0 0 0-1.4l-2.4-2.4a1 1 0 0 0-1.4 0l-1.8 1.8 3.7 3.7 1.9-1.7Z" />
);

/** A pin, for the per-row "Pin to top" toggle (an outline, filled by CSS while pressed). */
export const PinIcon = () => (
  <Icon
    fill={undefined}
    stroke="currentColor"
    stroke-width="1.6"
    stroke-linejoin="round"
    d="M9 3h6l-1 6 3 3v2h-4v6l-1 1-1-1v-6H7v-2l3-3-1-6Z"
  />
);

/** A plus sign, for "Add account". */
export const PlusIcon = () => <Icon d="M11 5h2v6h6v2h-6v6h-2v-6H5v-2h6z" />;

/** A padlock, for "Lock". */
export const LockIcon = () => (
  <Icon d="M17 9h-1V7a4 4 0 0 0-8 0v2H7a2 2 0 0 0-2 2v8a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2v-8a2 2 0 0 0-2-2Zm-7-2a2 2 0 1 1 4 0v2h-4V7Z" />
);
