/**
 * Phrase banks and plain-text helpers. The text is stitched from hand-written sentences
 * (not lorem ipsum) so that search, snippets and the reading pane look like real mail
 * when someone demos Petrel.
 */
import type { Rng } from './prng.ts';
import type { Person } from './roster.ts';

export const WORK_SUBJECTS: readonly string[] = [
  'Q3 roadmap review',
  'Staging deploy failed again',
  'Offline sync: conflict resolution design',
  'Lunch on Friday?',
  'Draft of the quarterly report',
  'Hiring loop for the frontend role',
  'Budget for the team offsite',
  'Customer feedback from the beta',
  'Security review of the attachment viewer',
  'Question about the IMAP IDLE timeout',
  'Notes from today’s standup',
  'Slides for the all-hands',
  'Moving the retro to Thursday',
  'Expense report for the conference',
  'Contract renewal with the hosting provider',
  'Onboarding checklist for new joiners',
  'Accessibility audit results',
  'Performance regression in the message list',
  'Travel plans for Lisbon',
  'Can you review my pull request?',
  'Holiday schedule',
  'Migration to the new search index',
  'Printer on the 3rd floor',
  'Team photo from the offsite',
];

/** Subjects with a body in the same language: drives RFC 2047 and UTF-8 body coverage. */
export const INTERNATIONAL: readonly { subject: string; body: string }[] = [
  {
    subject: 'Grüße aus München – Besprechung am Donnerstag',
    body: 'Hallo zusammen,\n\nkönnen wir die Besprechung auf Donnerstag um 14:00 Uhr verschieben? Ich bringe die Unterlagen für die Größenplanung mit.\n\nViele Grüße',
  },
  {
    subject: 'Réunion d’équipe : compte rendu et prochaines étapes',
    body: 'Bonjour à tous,\n\nvoici le compte rendu de la réunion de mercredi. Merci de vérifier les tâches qui vous ont été attribuées avant vendredi.\n\nBien à vous',
  },
  {
    subject: '来週の会議について',
    body: 'お疲れ様です。\n\n来週の会議の資料を添付しました。ご確認のほど、よろしくお願いいたします。\n\n田中',
  },
  {
    subject: 'Συνάντηση την Τρίτη για το νέο έργο',
    body: 'Γεια σας,\n\nμπορούμε να συναντηθούμε την Τρίτη στις 10:00; Θα ήθελα να συζητήσουμε το χρονοδιάγραμμα.\n\nΕυχαριστώ',
  },
  {
    subject: '🎉 We shipped offline search! 🚀',
    body: 'Hi all,\n\noffline search is live for everyone 🎉 Thanks for all the hard work — drinks are on me on Friday 🍻\n\nCheers',
  },
  {
    subject: 'Presupuesto para el viaje a Córdoba',
    body: 'Hola,\n\nte envío el presupuesto actualizado para el viaje. El alojamiento cuesta un poco más de lo previsto, pero incluye desayuno.\n\nUn abrazo',
  },
  {
    subject: 'Återkoppling på förslaget om ny arkitektur',
    body: 'Hej!\n\nJag har läst förslaget och tycker att det ser bra ut. Några små frågor om synkroniseringen, men inget som stoppar oss.\n\nHälsningar',
  },
  {
    subject: 'Zażółć gęślą jaźń – test polskich znaków',
    body: 'Cześć,\n\nsprawdzam, czy polskie znaki wyświetlają się poprawnie: ąćęłńóśźż ĄĆĘŁŃÓŚŹŻ.\n\nPozdrawiam',
  },
  {
    subject: 'Café crème et croissants ☕🥐 demain matin ?',
    body: 'Salut !\n\nOn se retrouve au café à 8h30 demain ? J’apporte les croissants 🥐\n\nÀ demain',
  },
];

const OPENERS: readonly string[] = [
  'Thanks for the quick turnaround on this.',
  'Following up on our conversation from earlier.',
  'Quick update before the weekend.',
  'I had a look at this this morning.',
  'Sorry for the slow reply, it has been a busy week.',
  'Just a heads-up so nobody is surprised tomorrow.',
];

const SENTENCES: readonly string[] = [
  'The numbers look reasonable, but I would like a second pair of eyes on the assumptions.',
  'We agreed to keep the scope small and ship the first version before the holidays.',
  'The sync engine now retries with exponential backoff instead of hammering the server.',
  'I moved the meeting to the big room because more people signed up than expected.',
  'Could you double-check the figures in the second table before we send it out?',
  'The customer mentioned that search feels much faster since the last release.',
  'Let me know if Thursday afternoon works better for you.',
  'I attached the latest version; the changes are highlighted in yellow.',
  'We still need a decision on whether to support POP3 at all.',
  'The flaky test turned out to be a timezone issue in the date parser.',
  'Marketing would like a screenshot of the new reading pane for the blog post.',
  'I think we can drop the old code path once the migration has run everywhere.',
  'There is a small bug when the subject line contains only emoji.',
  'The train was delayed, so I will join the call from my phone.',
  'Legal asked us to update the privacy notice before the launch.',
  'Memory usage dropped by about a third after the virtualized list landed.',
  'I am out of office next week but reachable for anything urgent.',
  'Can we add this to the agenda for the planning meeting?',
  'The designers shared two options for the empty inbox illustration.',
  'Keyboard shortcuts now work in the compose window as well.',
  'The offline queue survived a full day without network on my laptop.',
  'Please remember to submit your timesheets by Friday.',
  'I booked the restaurant for seven people at 19:30.',
  'The new onboarding flow cut the setup time roughly in half.',
];

const SIGN_OFFS: readonly string[] = [
  'Best,',
  'Cheers,',
  'Thanks,',
  'Kind regards,',
  'Talk soon,',
  'Best wishes,',
];

export function firstName(person: Person): string {
  return person.name.split(' ')[0] ?? person.name;
}

export function paragraph(rng: Rng, sentences: number): string {
  return rng.sample(SENTENCES, sentences).join(' ');
}

/**
 * Hard-wraps a paragraph at `width` columns, as most plain-text mailers do; it also keeps
 * short bodies 7bit instead of quoted-printable, so the raw source stays readable.
 */
export function wrap(text: string, width = 72): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines.join('\n');
}

/** A short personal or work message: greeting, 1-3 paragraphs, sign-off. */
export function plainBody(rng: Rng, from: Person, to: Person): string {
  const paragraphs = [wrap(rng.pick(OPENERS) + ' ' + paragraph(rng, rng.int(1, 3)))];
  for (let i = rng.int(0, 2); i > 0; i--) paragraphs.push(wrap(paragraph(rng, rng.int(2, 4))));
  return `Hi ${firstName(to)},\n\n${paragraphs.join('\n\n')}\n\n${rng.pick(SIGN_OFFS)}\n${firstName(from)}\n`;
}

/** "On <date>, <name> wrote:" followed by the quoted body, the way most clients reply. */
export function quoteReply(previousBody: string, previousDate: Date, author: Person): string {
  const when = previousDate.toUTCString().replace('GMT', 'UTC');
  // Quote every line, and nested quotes become ">> " because the old body already has "> ".
  const quoted = previousBody
    .trimEnd()
    .split('\n')
    .map((line) => (line.startsWith('>') ? `>${line}` : line === '' ? '>' : `> ${line}`))
    .join('\n');
  return `On ${when}, ${author.name} <${author.address}> wrote:\n${quoted}\n`;
}

export function replySubject(subject: string): string {
  return /^re:/i.test(subject) ? subject : `Re: ${subject}`;
}

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"]/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch] ?? ch,
  );
}
