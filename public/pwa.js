// Small things outside the app's own code: offline reading (registers
// the service worker), the "you are offline" banner, and the larger-text
// setting kept on this device.
(function () {
  var root = document.documentElement;
  var KEY = 'mentorwell-text-size';
  root.setAttribute('data-js', '');

  function large() {
    try {
      return localStorage.getItem(KEY) === 'large';
    } catch (e) {
      return false;
    }
  }

  function showTextSize() {
    var on = large();
    if (on) root.setAttribute('data-text', 'large');
    else root.removeAttribute('data-text');
    var buttons = document.querySelectorAll('[data-text-size]');
    for (var i = 0; i < buttons.length; i++) {
      if (buttons[i].getAttribute('aria-pressed') !== String(on)) buttons[i].setAttribute('aria-pressed', String(on));
    }
  }

  function offline(yes) {
    if (yes) root.setAttribute('data-offline', '');
    else root.removeAttribute('data-offline');
  }

  // navigator.onLine says only whether the device has a network at all: in
  // a dead spot or behind a hotel's sign-in page it stays true while the
  // page came from the offline cache. So a page the service worker may
  // have answered asks the server itself.
  function showConnection() {
    if (!navigator.onLine) return offline(true);
    if (!navigator.serviceWorker || !navigator.serviceWorker.controller) return offline(false);
    fetch('/healthz', { cache: 'no-store' }).then(
      function (response) {
        offline(!response.ok);
      },
      function () {
        offline(true);
      },
    );
  }

  showTextSize();
  showConnection();
  addEventListener('online', showConnection);
  addEventListener('offline', showConnection);

  document.addEventListener('click', function (event) {
    var button = event.target.closest && event.target.closest('[data-text-size]');
    if (!button) return;
    try {
      localStorage.setItem(KEY, large() ? 'normal' : 'large');
    } catch (e) {}
    showTextSize();
  });
  // Pages drawn by the app after this ran have their own buttons.
  new MutationObserver(showTextSize).observe(document, { childList: true, subtree: true });

  // Signing out forgets the pages kept for offline reading, so the next
  // person on a shared phone does not find them.
  document.addEventListener('submit', function (event) {
    var action = event.target.getAttribute('action') || '';
    if (/sign_out/.test(action) && window.caches) caches.delete('mentorwell-pages');
  });

  if ('serviceWorker' in navigator) {
    addEventListener('load', function () {
      navigator.serviceWorker.register('/sw.js').catch(function () {});
    });
  }
})();
