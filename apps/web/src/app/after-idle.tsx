import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { whenIdle } from './when-idle.ts';

/** Mounts its children only once the page has painted and gone idle (see whenIdle). */
export function AfterIdle({ children }: { children: ReactNode }) {
  const [idle, setIdle] = useState(false);
  useEffect(() => whenIdle(() => setIdle(true)), []);
  return idle ? children : null;
}
