// Re-exports so risk components import the app's client in one place.
export { ApiError, session } from '../../api';
export { getLang as getLangHeader } from '../../i18n';
