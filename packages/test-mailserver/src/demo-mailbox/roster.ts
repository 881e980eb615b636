/**
 * The fixed cast of the demo mailbox. Only RFC 2606 example domains are used so nothing
 * in the demo can ever reach a real person. Names cover German, French, Japanese, Greek,
 * Spanish, Nordic and Slavic spellings so the UI is exercised on non-ASCII display names.
 */
export interface Person {
  name: string;
  address: string;
  /** UTC offset in minutes used in this person's Date headers (real mail has many zones). */
  tz: number;
}

export const USER: Person = { name: 'Demo User', address: 'demo@petrel.test', tz: 60 };

export const PEOPLE: readonly Person[] = [
  { name: 'Alice Johnson', address: 'alice.johnson@example.com', tz: -300 },
  { name: 'Bob Martinez', address: 'bob.martinez@example.com', tz: -360 },
  { name: 'Carol Nguyen', address: 'carol.nguyen@example.org', tz: -480 },
  { name: 'David Okafor', address: 'david.okafor@example.net', tz: 60 },
  { name: 'Emma Wilson', address: 'emma.wilson@example.com', tz: 0 },
  { name: 'Jürgen Müller', address: 'juergen.mueller@example.net', tz: 60 },
  { name: 'Sabine Groß', address: 'sabine.gross@example.org', tz: 60 },
  { name: 'Françoise Dubois', address: 'francoise.dubois@example.net', tz: 60 },
  { name: 'Hélène Lefèvre', address: 'helene.lefevre@example.com', tz: 60 },
  { name: 'François Léger', address: 'francois.leger@example.org', tz: 60 },
  { name: '田中 美咲', address: 'misaki.tanaka@example.net', tz: 540 },
  { name: '佐藤 健', address: 'ken.sato@example.com', tz: 540 },
  { name: 'Γιώργος Παπαδόπουλος', address: 'giorgos.p@example.org', tz: 120 },
  { name: 'Ελένη Κωνσταντίνου', address: 'eleni.k@example.net', tz: 120 },
  { name: 'José García', address: 'jose.garcia@example.com', tz: 60 },
  { name: 'Lucía Fernández', address: 'lucia.fernandez@example.org', tz: -180 },
  { name: 'Søren Kierkegaard-Hansen', address: 'soren.kh@example.net', tz: 60 },
  { name: 'Åsa Lindqvist', address: 'asa.lindqvist@example.com', tz: 60 },
  { name: 'Zoë Clarke', address: 'zoe.clarke@example.org', tz: 0 },
  { name: 'Łukasz Wiśniewski', address: 'lukasz.w@example.net', tz: 60 },
  { name: 'Priya Raman', address: 'priya.raman@example.com', tz: 330 },
  { name: 'Arjun Mehta', address: 'arjun.mehta@example.org', tz: 330 },
  { name: 'Fatima Al-Sayed', address: 'fatima.alsayed@example.net', tz: 180 },
  { name: 'Omar Haddad', address: 'omar.haddad@example.com', tz: 120 },
  { name: 'Chen Wei', address: 'chen.wei@example.org', tz: 480 },
  { name: 'Li Na', address: 'li.na@example.net', tz: 480 },
  { name: 'Kim Min-jun', address: 'minjun.kim@example.com', tz: 540 },
  { name: 'Olga Petrova', address: 'olga.petrova@example.org', tz: 180 },
  { name: 'Mateo Rossi', address: 'mateo.rossi@example.net', tz: 60 },
  { name: 'Giulia Bianchi', address: 'giulia.bianchi@example.com', tz: 60 },
  { name: 'Noah Schmidt', address: 'noah.schmidt@example.org', tz: 60 },
  { name: 'Hannah Becker', address: 'hannah.becker@example.net', tz: 60 },
  { name: 'Liam O’Brien', address: 'liam.obrien@example.com', tz: 0 },
  { name: 'Aoife Byrne', address: 'aoife.byrne@example.org', tz: 0 },
  { name: 'Marcus Lee', address: 'marcus.lee@example.net', tz: -300 },
  { name: 'Sophie Laurent', address: 'sophie.laurent@example.com', tz: 60 },
  { name: 'Thomas Andersen', address: 'thomas.andersen@example.org', tz: 60 },
  { name: 'Ines Costa', address: 'ines.costa@example.net', tz: 0 },
  { name: 'Yuki Watanabe', address: 'yuki.watanabe@example.com', tz: 540 },
  { name: 'Rachel Goldberg', address: 'rachel.goldberg@example.org', tz: -300 },
];

/** Senders of automated mail: newsletters, shops, notifications, spam. */
export interface Service extends Person {
  kind: 'newsletter' | 'receipt' | 'notification' | 'junk';
  /** Brand colour, used by the HTML templates so each sender looks different. */
  color: string;
}

export const SERVICES: readonly Service[] = [
  {
    kind: 'newsletter',
    name: 'The Weekly Byte',
    address: 'news@weeklybyte.example.com',
    tz: 0,
    color: '#1d4ed8',
  },
  {
    kind: 'newsletter',
    name: 'Bergwelt Magazin',
    address: 'redaktion@bergwelt.example.org',
    tz: 60,
    color: '#15803d',
  },
  {
    kind: 'newsletter',
    name: 'Le Petit Gourmet',
    address: 'bonjour@petitgourmet.example.net',
    tz: 60,
    color: '#b91c1c',
  },
  {
    kind: 'newsletter',
    name: 'Open Source Digest',
    address: 'digest@osdigest.example.com',
    tz: -300,
    color: '#7c3aed',
  },
  {
    kind: 'receipt',
    name: 'Paperleaf Books',
    address: 'orders@paperleaf.example.com',
    tz: 0,
    color: '#92400e',
  },
  {
    kind: 'receipt',
    name: 'Nordlicht Bahn',
    address: 'tickets@nordlicht.example.net',
    tz: 60,
    color: '#dc2626',
  },
  {
    kind: 'receipt',
    name: 'CloudHost Billing',
    address: 'billing@cloudhost.example.org',
    tz: -480,
    color: '#0369a1',
  },
  {
    kind: 'receipt',
    name: 'Café Olé',
    address: 'receipts@cafeole.example.com',
    tz: 60,
    color: '#a16207',
  },
  {
    kind: 'notification',
    name: 'Petrel CI',
    address: 'ci@builds.example.org',
    tz: 0,
    color: '#334155',
  },
  {
    kind: 'notification',
    name: 'Code Review Bot',
    address: 'noreply@review.example.net',
    tz: 0,
    color: '#0f766e',
  },
  {
    kind: 'notification',
    name: 'Calendar',
    address: 'calendar-noreply@example.com',
    tz: 0,
    color: '#2563eb',
  },
  {
    kind: 'junk',
    name: 'Prize Department',
    address: 'winner@lucky-prize.example.net',
    tz: 0,
    color: '#f59e0b',
  },
  {
    kind: 'junk',
    name: 'Pharmacy Deals',
    address: 'deals@cheap-meds.example.org',
    tz: 0,
    color: '#10b981',
  },
];

export function servicesOfKind(kind: Service['kind']): Service[] {
  return SERVICES.filter((service) => service.kind === kind);
}
