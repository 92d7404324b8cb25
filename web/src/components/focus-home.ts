// Keyboard focus that would fall to <body> because the control holding it
// went away with its own action (a panel closed, a comparison stopped, a −
// button disabled at its limit) goes to the control that belongs in its place.
import { hasFocus } from './dom';

// The element with the keyboard focus, looked for into a library playground's shadow root.
export function focusedElement(doc: Document = document): Element | null {
  let active: Element | null = doc.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

// The focus is nowhere useful: on <body>, or on `gone`, or inside it.
export function focusLost(gone: Element | null): boolean {
  const doc = (gone ?? document.body).ownerDocument;
  const active = focusedElement(doc);
  return !active || active === doc.body || (gone !== null && gone.contains(active));
}

// A part asked for at `asked` (the focused element then) may take the focus
// when it arrives only if the user is still there, or the focus went nowhere:
// a part that arrives late never moves the focus from where the user has gone since.
export function focusStayed(asked: Element | null): boolean {
  const now = focusedElement();
  return now === asked || focusLost(null);
}

// Moves the focus to `to` when it was lost (see focusLost).
export function handFocus(gone: Element | null, to: HTMLElement | null | undefined): void {
  if (to && to.isConnected && focusLost(gone)) to.focus({ preventScroll: true });
}

// Sets `button.disabled`; a button disabled while it has the focus hands it to
// its enabled neighbour in the same row (− at its limit to +).
export function setDisabled(button: HTMLButtonElement, disabled: boolean): void {
  if (button.disabled === disabled) return;
  const had = hasFocus(button);
  button.disabled = disabled;
  if (had && disabled) enabledNeighbour(button)?.focus({ preventScroll: true });
}

export function enabledNeighbour(el: HTMLElement): HTMLElement | null {
  return el.parentElement?.querySelector<HTMLElement>('button:not(:disabled)') ?? null;
}
