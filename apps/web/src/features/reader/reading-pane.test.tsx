import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CachedBody } from '../../data/index.ts';
import { dataMock, message } from '../test-support/data-mock.ts';
import { ReadingPane } from './reading-pane.tsx';

vi.mock('../../data/index.ts', () =>
  import('../test-support/data-mock.ts').then((m) => m.dataMock),
);

afterEach(() => {
  vi.useRealTimers();
  cleanup();
  vi.resetAllMocks();
  localStorage.clear();
});

const ACCOUNT = 'ada@petrel.test';

function body(overrides: Partial<CachedBody>): CachedBody {
  return {
    id: 'm1',
    html: null,
    text: null,
    attachments: [],
    inline: [],
    tooComplex: false,
    ...overrides,
  };
}

function renderPane(overrides: Partial<CachedBody>, flags: string[] = ['\\Seen']) {
  dataMock.useMessageLookup.mockReturnValue({
    status: 'found',
    message: message(1, {
      flags,
      from: [{ name: 'Grace Hopper', address: 'Grace@Navy.test' }],
      cc: [{ name: '', address: 'team@navy.test' }],
    }),
  });
  dataMock.useMessageBody.mockReturnValue({ body: body(overrides), loading: false, error: null });
  render(<ReadingPane messageId="m1" account={ACCOUNT} onBack={() => {}} />);
  return screen.getByRole('region', { name: 'Message' });
}

function frame(): HTMLIFrameElement {
  return screen.getByTitle<HTMLIFrameElement>('Message body');
}

function frameCsp(): string {
  const doc = new DOMParser().parseFromString(frame().getAttribute('srcdoc') ?? '', 'text/html');
  return (
    doc.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? ''
  );
}

describe('ReadingPane', () => {
  it('shows subject, addresses and date', () => {
    const region = renderPane({ text: 'Hi' });
    expect(within(region).getByRole('heading', { name: 'Subject 1' })).toBeTruthy();
    expect(region.textContent).toContain('Grace Hopper <Grace@Navy.test>');
    expect(region.textContent).toContain('Ada <ada@petrel.test>');
    expect(region.textContent).toContain('team@navy.test');
    expect(region.querySelector('time')?.getAttribute('dateTime')).toBe(message(1).date);
  });

  it('asks to pick a message when none is open', () => {
    render(<ReadingPane messageId={null} account={ACCOUNT} onBack={() => {}} />);
    expect(screen.getByRole('region', { name: 'Message' }).textContent).toBe(
      'Select a message to read it.',
    );
  });

  it('marks an unread message read once, after it was painted, and leaves a read one alone', () => {
    vi.useFakeTimers();
    renderPane({ text: 'Hi' }, []);
    expect(dataMock.applyAction).not.toHaveBeenCalled();
    act(() => vi.runAllTimers());
    expect(dataMock.applyAction).toHaveBeenCalledTimes(1);
    expect(dataMock.applyAction).toHaveBeenCalledWith('markRead', ['m1']);
    cleanup();
    dataMock.applyAction.mockClear();
    renderPane({ text: 'Hi' }, ['\\Seen']);
    act(() => vi.runAllTimers());
    expect(dataMock.applyAction).not.toHaveBeenCalled();
  });

  it('marks an HTML message read only once its frame has loaded and painted', () => {
    vi.useFakeTimers();
    renderPane({ html: '<p>News</p>' }, []);
    act(() => vi.runAllTimers());
    expect(dataMock.applyAction).not.toHaveBeenCalled();
    fireEvent.load(frame());
    act(() => vi.runAllTimers());
    expect(dataMock.applyAction).toHaveBeenCalledWith('markRead', ['m1']);
  });

  it('lists attachments with size, a download link and an image preview', () => {
    const region = renderPane({
      text: 'See attached',
      attachments: [
        {
          part: '2',
          filename: 'report.pdf',
          contentType: 'application/pdf',
          size: 1536,
          contentId: null,
          disposition: 'attachment',
        },
        {
          part: '3',
          filename: 'photo.jpg',
          contentType: 'image/jpeg',
          size: 2_500_000,
          contentId: null,
          disposition: 'attachment',
        },
      ],
    });
    const list = within(region).getByRole('region', { name: 'Attachments' });
    expect(list.textContent).toContain('report.pdf');
    expect(list.textContent).toContain('1.5 KB');
    expect(list.textContent).toContain('2.4 MB');
    expect(
      within(list).getByRole('link', { name: 'Download report.pdf' }).getAttribute('href'),
    ).toBe('/api/messages/m1/parts/2');
    expect(
      within(list).getByRole('img', { name: 'Preview of photo.jpg' }).getAttribute('src'),
    ).toBe('/api/messages/m1/parts/3?inline=1');
    expect(within(list).queryByRole('img', { name: /report/ })).toBeNull();
  });

  it('renders HTML in a sandboxed frame without scripts or same-origin, with its own CSP', () => {
    renderPane({ html: '<h1>News</h1><script>alert(1)</script>' });
    const sandbox = frame().getAttribute('sandbox') ?? '';
    expect(sandbox.split(/\s+/).sort()).toEqual(['allow-popups', 'allow-popups-to-escape-sandbox']);
    expect(frameCsp()).toBe("default-src 'none'; img-src data:; style-src 'unsafe-inline'");
    expect(frame().getAttribute('srcdoc')).toContain('<h1>News</h1>');
    expect(frame().getAttribute('srcdoc')).not.toContain('<script');
  });

  it('shows cid: images as the data: URLs of their cached parts, with no part URL in the CSP', () => {
    const png = 'data:image/png;base64,iVBORw0KGgo=';
    dataMock.useInlineImages.mockReturnValue(new Map([['1.2', png]]));
    const logo = {
      filename: 'logo.png',
      contentType: 'image/png',
      size: 10,
      disposition: 'inline' as const,
    };
    renderPane({
      html: '<img src="cid:logo@x" alt="logo"><img src="cid:Chart@X" alt="chart"><img src="cid:big@x" alt="big">',
      inline: [
        { ...logo, part: '1.2', contentId: 'logo@x' },
        { ...logo, part: '1.3', contentId: 'big@x' },
      ],
      attachments: [{ ...logo, part: '2', contentId: 'chart@x', disposition: 'attachment' }],
    });
    const doc = new DOMParser().parseFromString(frame().getAttribute('srcdoc') ?? '', 'text/html');
    expect(doc.querySelector('img[alt=logo]')?.getAttribute('src')).toBe(png);
    // Not available (too large, not an image, offline): no src, the alt text shows.
    expect(doc.querySelector('img[alt=big]')?.hasAttribute('src')).toBe(false);
    expect(doc.querySelector('img[alt=chart]')?.hasAttribute('src')).toBe(false);
    expect(frameCsp()).toBe("default-src 'none'; img-src data:; style-src 'unsafe-inline'");
    expect(screen.queryByText('Remote content blocked')).toBeNull();
  });

  it('waits for inline images before drawing the frame', () => {
    dataMock.useInlineImages.mockReturnValue(null);
    renderPane({ html: '<img src="cid:logo@x" alt="logo">' });
    expect(screen.queryByTitle('Message body')).toBeNull();
    expect(screen.getByText('Loading images…')).toBeTruthy();
  });

  it('blocks remote content until asked, for this message', async () => {
    const user = userEvent.setup();
    renderPane({ html: '<p>Hi</p><img src="https://cdn.example.test/hero.png" alt="hero">' });
    expect(screen.getByText('Remote content blocked')).toBeTruthy();
    expect(frame().getAttribute('srcdoc')).not.toContain('cdn.example.test');
    await user.click(screen.getByRole('button', { name: 'Load remote content' }));
    expect(screen.queryByText('Remote content blocked')).toBeNull();
    expect(frame().getAttribute('srcdoc')).toContain('https://cdn.example.test/hero.png');
    expect(frameCsp()).toContain('img-src data: https: http:');
    expect(localStorage.length).toBe(0);
  });

  it('remembers a sender whose remote content should always load', async () => {
    const user = userEvent.setup();
    renderPane({ html: '<img src="https://cdn.example.test/hero.png" alt="hero">' });
    await user.click(screen.getByRole('button', { name: 'Always load from Grace@Navy.test' }));
    expect(
      JSON.parse(localStorage.getItem(`petrel:remote-content-senders:${ACCOUNT}`) ?? '[]'),
    ).toEqual(['grace@navy.test']);
    expect(frame().getAttribute('srcdoc')).toContain('https://cdn.example.test/hero.png');
    cleanup();
    renderPane({ html: '<img src="https://cdn.example.test/other.png" alt="x">' });
    expect(screen.queryByText('Remote content blocked')).toBeNull();
  });

  it('links plain text safely and folds quoted lines', async () => {
    const user = userEvent.setup();
    const region = renderPane({
      text: 'See https://example.test/x.\njavascript:alert(1)\n> old text\n> more\nBye',
    });
    const link = within(region).getByRole('link', { name: 'https://example.test/x' });
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(within(region).queryByRole('link', { name: /javascript/ })).toBeNull();
    expect(region.textContent).not.toContain('old text');
    const toggle = within(region).getByRole('button', { name: 'Show quoted text' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    await user.click(toggle);
    expect(region.textContent).toContain('> old text\n> more');
    expect(
      within(region)
        .getByRole('button', { name: 'Hide quoted text' })
        .getAttribute('aria-expanded'),
    ).toBe('true');
  });

  it('offers the original message and its parts when the message is too complex', () => {
    const region = renderPane({
      tooComplex: true,
      attachments: [
        {
          part: '1',
          filename: null,
          contentType: 'text/html',
          size: 9,
          contentId: null,
          disposition: null,
        },
      ],
    });
    const notice = within(region).getByRole('region', {
      name: 'This message is too complex to display',
    });
    const original = within(notice).getByRole('link', {
      name: 'Download the original message (.eml)',
    });
    expect(original.getAttribute('href')).toBe('/api/messages/m1/raw');
    expect(original.hasAttribute('download')).toBe(true);
    expect(
      within(notice).getByRole('link', { name: 'Part 1 (text/html)' }).getAttribute('href'),
    ).toBe('/api/messages/m1/parts/1');
  });

  it('says in words when the message no longer exists, and fetches no body', () => {
    dataMock.useMessageLookup.mockReturnValue({ status: 'gone' });
    render(<ReadingPane messageId="m1" account={ACCOUNT} onBack={() => {}} />);
    expect(
      screen.getByText(
        'This message is no longer here: it was moved or deleted, perhaps on another device.',
      ),
    ).toBeTruthy();
    expect(dataMock.useMessageBody).toHaveBeenLastCalledWith(null);
    expect(dataMock.applyAction).not.toHaveBeenCalled();
  });

  it('says when the body is loading or failed', () => {
    dataMock.useMessageBody.mockReturnValue({ body: undefined, loading: true, error: null });
    render(<ReadingPane messageId="m1" account={ACCOUNT} onBack={() => {}} />);
    expect(screen.getByText('Loading…')).toBeTruthy();
    expect(screen.getByText('Loading message…')).toBeTruthy();
    cleanup();
    dataMock.useMessageBody.mockReturnValue({
      body: undefined,
      loading: false,
      error: 'You are offline and this message is not saved.',
    });
    render(<ReadingPane messageId="m1" account={ACCOUNT} onBack={() => {}} />);
    expect(screen.getByText('You are offline and this message is not saved.')).toBeTruthy();
  });
});
