import type { ComponentChildren } from 'preact';

/**
 * A wide table's scrolling box: on a tablet a table of many columns scrolls sideways, so the box
 * takes keyboard focus and is named by the table's caption (WCAG 2.1.1).
 */
export function TableWrap({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
    <section class="table-wrap" aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}
