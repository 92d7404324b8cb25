// What the page's dialogs (Share / embed, Make a lesson) share: copying a
// snippet, and a modal's opening (filled first, its status cleared, the
// focus on its first field) and closing with the playground.

export async function copy(text: string, field: HTMLTextAreaElement): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // No clipboard permission (an iframe, an old browser): select it for Ctrl+C.
    field.focus();
    field.select();
    return false;
  }
}

export interface Modal {
  element: HTMLDialogElement;
  open(): void;
  destroy(): void;
}

export function modal(element: HTMLDialogElement, parts: { fill(): void; status: HTMLElement; focus(): void }): Modal {
  return {
    element,
    open() {
      parts.fill();
      parts.status.textContent = '';
      if (!element.open) element.showModal();
      parts.focus();
    },
    destroy() {
      if (element.open) element.close();
    },
  };
}
