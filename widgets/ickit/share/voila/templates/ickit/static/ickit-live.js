// The kit's live regions (ickit.views.common.live): a box whose text changes, a note under a
// control say, is read out by screen readers. The widget replaces what the box shows at each
// change, and a live region must be on the page before its text changes, so the box itself,
// which stays, is made the live region as soon as it appears.
new MutationObserver(() => {
  for (const box of document.querySelectorAll(".ickit-live:not([aria-live])")) {
    box.setAttribute("aria-live", "polite");
  }
}).observe(document.documentElement, { childList: true, subtree: true });
