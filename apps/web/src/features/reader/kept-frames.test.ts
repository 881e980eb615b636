import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { adoptKeptFrame, dropKeptFrames, keepFrame, peekKeptFrame } from './kept-frames.ts';

// jsdom has no Element.moveBefore; a plain insert stands in (jsdom loads no frames anyway).
beforeAll(() => {
  Object.defineProperty(Element.prototype, 'moveBefore', {
    configurable: true,
    value(this: Element, node: Node, child: Node | null) {
      this.insertBefore(node, child);
    },
  });
});
// Each test starts as a reader showing mail (after the last test's sign-out).
beforeEach(() => void adoptKeptFrame(document.body, 'none', ''));
afterEach(() => dropKeptFrames());

function shownFrame(): HTMLIFrameElement {
  const frame = document.createElement('iframe');
  frame.title = 'Message body';
  document.body.append(frame);
  return frame;
}

const park = (id: string, doc = `<p>${id}</p>`) =>
  keepFrame(id, doc, { frame: shownFrame(), width: 600, height: 900 });
const parkedFrames = () => document.querySelectorAll('.mail-frame-parking iframe');

describe('kept frames', () => {
  it('parks a frame untitled and hidden, and gives it back only for the same document', () => {
    park('a');
    const [frame] = parkedFrames();
    expect(frame?.hasAttribute('title')).toBe(false);
    expect(frame?.closest('[aria-hidden="true"]')).not.toBeNull();
    expect(peekKeptFrame('a', '<p>a</p>')).toEqual({ width: 600, height: 900 });
    expect(peekKeptFrame('a', '<p>other</p>')).toBeNull();
    expect(adoptKeptFrame(document.body, 'a', '<p>other</p>')).toBeNull();
    // A different document for the same mail (remote content allowed): the old one is gone.
    expect(parkedFrames()).toHaveLength(0);
  });

  it('keeps the 4 read last, trimming only after the commit that parked the fifth', async () => {
    for (const id of ['a', 'b', 'c', 'd']) park(id);
    park('e');
    // The reader arriving in the same commit may take the oldest, and shows it.
    const slot = document.createElement('div');
    document.body.append(slot);
    expect(adoptKeptFrame(slot, 'a', '<p>a</p>')?.parentElement).toBe(slot);
    park('f');
    await Promise.resolve();
    expect(parkedFrames()).toHaveLength(4);
    expect(peekKeptFrame('b', '<p>b</p>')).toBeNull();
    expect(peekKeptFrame('f', '<p>f</p>')).not.toBeNull();
  });

  it('drops a frame the browser refuses to move instead of breaking the reader', () => {
    park('a');
    const [kept] = parkedFrames();
    const move = vi
      .spyOn(Element.prototype as Element & { moveBefore(): void }, 'moveBefore')
      .mockImplementation(() => {
        throw new DOMException('refused', 'HierarchyRequestError');
      });
    expect(adoptKeptFrame(document.body, 'a', '<p>a</p>')).toBeNull();
    const leaving = shownFrame();
    keepFrame('b', '<p>b</p>', { frame: leaving, width: 600, height: null });
    move.mockRestore();
    expect(kept?.isConnected).toBe(false);
    expect(leaving.isConnected).toBe(false);
    expect(parkedFrames()).toHaveLength(0);
  });

  it('drops everything at sign-out and parks nothing until a reader shows mail again', () => {
    park('a');
    dropKeptFrames();
    const leaving = shownFrame();
    keepFrame('b', '<p>b</p>', { frame: leaving, width: 600, height: null });
    expect(leaving.isConnected).toBe(false);
    expect(parkedFrames()).toHaveLength(0);
    adoptKeptFrame(document.body, 'c', '<p>c</p>');
    park('d');
    expect(parkedFrames()).toHaveLength(1);
  });
});
