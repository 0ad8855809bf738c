// What the dashboard loads before it appears: the commune counted from this device's store,
// its two charts, and the data version read first, so that a sync bringing data reloads it.
import { ipc, type Dashboard, type DashboardCharts } from '../../lib/ipc';
import { currentLanguage } from '../../lib/i18n.svelte';

export interface DashboardData {
  dashboard: Dashboard;
  /** Null if they could not be drawn: the figures still show. */
  charts: DashboardCharts | null;
  version: number;
}

/** The charts in the person's language; a failure leaves them out rather than the figures. */
export function loadCharts(): Promise<DashboardCharts | null> {
  return ipc.dashboardCharts(currentLanguage()).catch((e: unknown) => {
    console.error(e);
    return null;
  });
}

export async function loadDashboard(): Promise<DashboardData> {
  const version = await ipc.dataVersion();
  const [dashboard, charts] = await Promise.all([ipc.dashboard(), loadCharts()]);
  return { dashboard, charts, version };
}
