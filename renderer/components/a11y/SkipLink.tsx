// "Skip to main content": the first Tab stop on every screen (WCAG 2.4.1). It moves focus rather than following
// href, because the app routes by the URL hash and "#main" would read as a view name.
export const MAIN_ID = 'cxw-main-content';

export function SkipLink() {
  return (
    <a
      href={`#${MAIN_ID}`}
      className="cxw-skip-link"
      onClick={(e) => {
        e.preventDefault();
        focusMain();
      }}
    >
      Skip to main content
    </a>
  );
}

/** Focus the view's first heading when it has one (a screen reader then says where it is), else the main region. */
export function focusMain(): void {
  const main = document.getElementById(MAIN_ID);
  if (!main) return;
  const heading = main.querySelector<HTMLElement>('h1, h2');
  const target = heading && heading.offsetParent !== null ? heading : main;
  if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
  target.focus();
}
