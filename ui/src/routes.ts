// The screens of an open person, and their tab bar. A new screen is one entry here plus its
// component in screens/<area>/; volunteers' and officials' training sessions, say, are
//   route({ id: 'sessions', tab: { label: 'tab-sessions', icon: 'sessions', roles: ['volunteer', 'official'] },
//           load: …, component: Sessions }),
// and only they see the tab. A tab exists once its screen does: no placeholders. A tab may carry
// a badge, a count the tab bar shows and keeps up to date (a farmer's new inquiries).
import type { Component } from 'svelte';
import { ipc, type Opened, type Role } from './lib/ipc';
import { currentLanguage } from './lib/i18n.svelte';
import type { IconName } from './lib/icons';
import Catalogue from './screens/learn/Catalogue.svelte';
import LessonPlayer from './screens/learn/LessonPlayer.svelte';
import Learnt from './screens/learnt/Learnt.svelte';
import Certificate from './screens/learnt/Certificate.svelte';
import SettingsScreen from './screens/settings/SettingsScreen.svelte';
import MyData from './screens/settings/MyData.svelte';
import Devices from './screens/devices/Devices.svelte';
import Sessions from './screens/sessions/Sessions.svelte';
import PlanSession from './screens/sessions/PlanSession.svelte';
import SessionScreen from './screens/sessions/SessionScreen.svelte';
import RegisterPerson from './screens/sessions/RegisterPerson.svelte';
import { loadSession } from './screens/sessions/data';
import MyProducts from './screens/market/MyProducts.svelte';
import ProductForm from './screens/market/ProductForm.svelte';
import Inquiries from './screens/market/Inquiries.svelte';
import { loadInquiries, loadProduct, loadProducts, newInquiries } from './screens/market/data';
import Dashboard from './screens/dashboard/Dashboard.svelte';
import { loadDashboard } from './screens/dashboard/data';

/** How a screen moves on (App.svelte). */
export interface Nav {
  /** Shows a screen once its load is done; `param` is passed to the load (a lesson's id). */
  go(id: string, param?: string): Promise<void>;
  /** Closes the open profile: the start screen again. */
  leave(): Promise<void>;
}

/** What every screen here is given. */
export interface ScreenProps<D> {
  /** What its load returned. */
  data: D;
  /** Who is open, with their display preferences. */
  opened: Opened;
  nav: Nav;
}

export interface Tab {
  /** A message id. */
  label: string;
  /** A picture of lib/Icon.svelte, beside the label. */
  icon: IconName;
  /** Whose tab bar shows it. */
  roles: readonly Role[];
  /** How many things wait there (new inquiries, say), counted again whenever the store changes. */
  badge?: () => Promise<number>;
}

interface Screen<D> {
  id: string;
  /** Fetches what the screen shows before it appears; if that fails, the app stays put. */
  load: (param: string) => Promise<D>;
  component: Component<ScreenProps<D>>;
  /** No tab bar: the screen has its own way back. */
  fullScreen?: boolean;
}

/** A tab, or a screen opened from within one, which whoever sees that tab may see. */
type RouteOf<D> = Screen<D> & ({ tab: Tab } | { within: string });

// The table holds screens of different data; route() checks each load against its screen.
export type Route = RouteOf<any>;
export type TabRoute = Route & { tab: Tab };

function route<D>(r: RouteOf<D>): Route {
  return r;
}

const EVERYONE: readonly Role[] = ['villager', 'volunteer', 'farmer', 'official'];
/** Those who run training sessions. */
const STAFF: readonly Role[] = ['volunteer', 'official'];
/** Those who sell on the commune's marketplace. */
const FARMERS: readonly Role[] = ['farmer'];

export const ROUTES: readonly Route[] = [
  // Farmers start on their products, then what buyers asked about them.
  route({
    id: 'products',
    tab: { label: 'tab-products', icon: 'basket', roles: FARMERS },
    load: loadProducts,
    component: MyProducts,
  }),
  route({
    id: 'product',
    within: 'products',
    // A listing's id to change it; none to list a new product.
    load: loadProduct,
    component: ProductForm,
  }),
  route({
    id: 'inquiries',
    tab: { label: 'tab-inquiries', icon: 'inquiry', roles: FARMERS, badge: newInquiries },
    load: loadInquiries,
    component: Inquiries,
  }),
  // Volunteers and officials start on their sessions; everyone else on the lessons.
  route({
    id: 'sessions',
    tab: { label: 'tab-sessions', icon: 'sessions', roles: STAFF },
    load: () => ipc.sessions(),
    component: Sessions,
  }),
  route({
    id: 'session-plan',
    within: 'sessions',
    // A session's id to change it; none to plan a new one.
    load: async (id) => {
      const [villages, lessons, session] = await Promise.all([
        ipc.villages(),
        ipc.catalogue(currentLanguage()),
        id === '' ? null : ipc.session(id),
      ]);
      return { villages, lessons, session };
    },
    component: PlanSession,
  }),
  route({
    id: 'session',
    within: 'sessions',
    load: loadSession,
    component: SessionScreen,
  }),
  route({
    id: 'register-person',
    within: 'sessions',
    // The session's id.
    load: async (id) => {
      const session = await ipc.session(id);
      const [villages, households] = await Promise.all([ipc.villages(), ipc.households(session.village_id)]);
      return { session, villages, households };
    },
    component: RegisterPerson,
  }),
  // Officials' commune figures, counted offline, right after their sessions.
  route({
    id: 'dashboard',
    tab: { label: 'tab-dashboard', icon: 'chart', roles: ['official'] },
    load: loadDashboard,
    component: Dashboard,
  }),
  route({
    id: 'home',
    tab: { label: 'tab-home', icon: 'lessons', roles: EVERYONE },
    load: async () => {
      const [lessons, progress] = await Promise.all([ipc.catalogue(currentLanguage()), ipc.progress()]);
      return { lessons, progress };
    },
    component: Catalogue,
  }),
  route({
    id: 'lesson',
    within: 'home',
    fullScreen: true,
    load: async (lessonId) => ({
      lessonId,
      progress: (await ipc.progress()).find((p) => p.lesson_id === lessonId),
    }),
    component: LessonPlayer,
  }),
  route({
    id: 'learnt',
    tab: { label: 'tab-learnt', icon: 'star', roles: EVERYONE },
    load: () => ipc.learnt(currentLanguage()),
    component: Learnt,
  }),
  route({
    id: 'certificate',
    within: 'learnt',
    load: () => ipc.learnt(currentLanguage()),
    component: Certificate,
  }),
  route({
    id: 'devices',
    tab: { label: 'tab-devices', icon: 'devices', roles: ['official'] },
    load: async () => {
      const [devices, codes] = await Promise.all([ipc.communeDevices(), ipc.joinCodes()]);
      return { devices, codes };
    },
    component: Devices,
  }),
  route({
    id: 'settings',
    tab: { label: 'tab-settings', icon: 'settings', roles: EVERYONE },
    load: async () => undefined,
    component: SettingsScreen,
  }),
  route({
    id: 'mydata',
    within: 'settings',
    load: async () => ({ villages: await ipc.villages() }),
    component: MyData,
  }),
];

export function routeById(id: string): Route {
  const found = ROUTES.find((r) => r.id === id);
  if (!found) throw new Error(`no screen "${id}"`);
  return found;
}

/** The tabs a person with this role sees, in order; they start on the first. */
export function tabsFor(role: Role): TabRoute[] {
  return ROUTES.filter((r): r is TabRoute => 'tab' in r && r.tab.roles.includes(role));
}

/** The tab a screen belongs to, lit in the tab bar. */
export function tabOf(r: Route): string {
  return 'within' in r ? r.within : r.id;
}
