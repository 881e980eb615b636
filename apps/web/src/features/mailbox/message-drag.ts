/** Drag-and-drop payload of message rows; lower case, as DataTransfer reports types. */
export const MESSAGE_DRAG_TYPE = 'application/x-petrel-message-ids';

export function writeDraggedIds(transfer: DataTransfer, ids: readonly string[]): void {
  transfer.setData(MESSAGE_DRAG_TYPE, JSON.stringify(ids));
  transfer.effectAllowed = 'move';
}

export function carriesMessages(transfer: DataTransfer): boolean {
  return [...transfer.types].includes(MESSAGE_DRAG_TYPE);
}

/** Ids from a drop; anything else (another app's drag, a forged payload) gives []. */
export function readDraggedIds(transfer: DataTransfer): string[] {
  try {
    const value: unknown = JSON.parse(transfer.getData(MESSAGE_DRAG_TYPE));
    return Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return [];
  }
}
