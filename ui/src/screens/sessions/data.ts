// What the session screen shows, loaded together: the session, its list, how the class is
// doing, who is learning nearby, and the data version they were read at.
import { ipc, type Attendance, type ClassProgress, type PersonHit, type RosterEntry, type TrainingSession } from '../../lib/ipc';
import { currentLanguage } from '../../lib/i18n.svelte';

export interface SessionData {
  session: TrainingSession;
  roster: RosterEntry[];
  progress: ClassProgress;
  nearby: PersonHit[];
  /** The store's data version before the rest was read: a later change reloads it. */
  version: number;
}

export async function loadSession(id: string): Promise<SessionData> {
  const version = await ipc.dataVersion();
  const [session, roster, progress, nearby] = await Promise.all([
    ipc.session(id),
    ipc.roster(id),
    ipc.classProgress(id, currentLanguage()),
    ipc.learningNearby(id),
  ]);
  return { session, roster, progress, nearby, version };
}

/** Was there: present or late. */
export const attended = (status: Attendance) => status === 'present' || status === 'late';

/** The marks a volunteer taps, in order. */
export const MARKS = ['present', 'late', 'absent'] as const satisfies readonly Attendance[];
