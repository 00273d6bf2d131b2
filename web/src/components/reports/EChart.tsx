// The report screens draw with the dashboard's chart component: one ECharts set-up for the whole app.
export { DashChart as EChart, type DashOption as ChartOption } from '../dashboard/DashChart';
