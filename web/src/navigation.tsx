import { useEffect } from 'react';
import { type NavigateFunction, useNavigate } from 'react-router';

/**
 * Navigation for code outside React's render (map click handlers, after a save): react-router's navigate function,
 * handed over by <NavigationBridge/> which sits inside the router.
 */
let go: NavigateFunction | null = null;

export function NavigationBridge() {
  const navigateFn = useNavigate();
  useEffect(() => {
    go = navigateFn;
    return () => {
      if (go === navigateFn) go = null;
    };
  }, [navigateFn]);
  return null;
}

export function navigate(to: string, replace = false) {
  if (to === location.pathname + location.search) return;
  if (go) void go(to, { replace });
  else if (replace) location.replace(to);
  else location.assign(to);
  window.scrollTo(0, 0);
}

/** An <a href>'s click handler that navigates inside the app (a modified click still opens a new tab). */
export function linkHandler(to: string) {
  return (e: React.MouseEvent) => {
    if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    navigate(to);
  };
}
