import { afterEach, describe, expect, it } from 'vitest';
import { shortcutFor } from './shortcuts.ts';

afterEach(() => {
  document.body.innerHTML = '';
});

function key(
  key: string,
  target: EventTarget = document.body,
  modifiers: Partial<KeyboardEvent> = {},
) {
  return shortcutFor({ key, target, ctrlKey: false, metaKey: false, altKey: false, ...modifiers });
}

function element(html: string): Element {
  document.body.innerHTML = html;
  return document.body.firstElementChild as Element;
}

describe('shortcutFor', () => {
  it.each([
    ['j', 'next'],
    ['ArrowDown', 'next'],
    ['k', 'previous'],
    ['ArrowUp', 'previous'],
    ['Enter', 'open'],
    ['o', 'open'],
    ['u', 'back'],
    ['x', 'select'],
    ['e', 'archive'],
    ['#', 'delete'],
    ['s', 'toggleFlag'],
    ['!', 'toggleFlag'],
    ['I', 'markRead'],
    ['U', 'markUnread'],
    ['v', 'move'],
    ['?', 'help'],
  ])('maps %s to %s', (name, shortcut) => {
    expect(key(name)).toBe(shortcut);
  });

  it('ignores keys while typing', () => {
    for (const html of [
      '<input type="text">',
      '<input type="search">',
      '<textarea></textarea>',
      '<select></select>',
    ]) {
      expect(key('e', element(html))).toBeNull();
    }
    const editable = element('<div contenteditable="true"></div>') as HTMLElement;
    // jsdom does not compute isContentEditable.
    Object.defineProperty(editable, 'isContentEditable', { value: true });
    expect(key('e', editable)).toBeNull();
    expect(key('e', element('<input type="checkbox">'))).toBe('archive');
  });

  it('leaves browser and system shortcuts alone', () => {
    expect(key('e', document.body, { ctrlKey: true })).toBeNull();
    expect(key('k', document.body, { metaKey: true })).toBeNull();
    expect(key('j', document.body, { altKey: true })).toBeNull();
  });

  it('leaves Enter and arrows to buttons and links, but takes them on list rows', () => {
    expect(key('Enter', element('<button>x</button>'))).toBeNull();
    expect(key('ArrowDown', element('<a href="#">x</a>'))).toBeNull();
    expect(key('Enter', element('<div role="row" tabindex="0"></div>'))).toBe('open');
    expect(key('j', element('<button>x</button>'))).toBe('next');
  });
});
