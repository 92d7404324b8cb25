// Panel selection shared by the library (`panels` option) and the iframe
// (`panels=` hash key).

// Every panel of a playground, in the order they appear; embeds choose among them.
export const PANEL_IDS = ['run', 'data', 'network', 'output', 'charts', 'activation', 'lessons', 'stepthrough', 'files', 'gradients', 'hidden'] as const;
export type PanelId = (typeof PANEL_IDS)[number];

export function isPanelId(value: unknown): value is PanelId {
  return typeof value === 'string' && (PANEL_IDS as readonly string[]).includes(value);
}

// A list of panels to show, as the component's record: the listed ones on, every other one off.
export function onlyPanels(ids: readonly PanelId[]): Record<PanelId, boolean> {
  return Object.fromEntries(PANEL_IDS.map((id) => [id, ids.includes(id)])) as Record<PanelId, boolean>;
}

// The panels a record shows (all of them unless set to false).
export function shownPanels(panels: Partial<Record<PanelId, boolean>> | undefined): PanelId[] {
  return PANEL_IDS.filter((id) => panels?.[id] !== false);
}
