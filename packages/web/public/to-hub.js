// Loaded by the server-rendered /sign-in and /join pages: a browser that runs JavaScript goes
// to the member hub's page for the same link (the token stays in the address, nothing is used
// up); one without JavaScript stays on the plain page, which works on its own.
(() => {
  var pages = { "/sign-in": "/auth/link", "/join": "/auth/join" };
  var target = pages[location.pathname];
  if (target && /[?&]token=/.test(location.search)) location.replace(target + location.search);
})();
