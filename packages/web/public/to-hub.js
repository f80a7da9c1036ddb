// Loaded by the server-rendered /sign-in and /join pages: a browser that runs JavaScript goes
// to the member hub's page for the same link (the token stays in the address, nothing is used
// up); one without JavaScript stays on the plain page, which works on its own.
(() => {
  const token = /[?&]token=/.test(location.search);
  const target = {
    "/sign-in": token ? "/auth/link" : "/auth",
    "/join": "/auth/join",
  }[location.pathname];
  if (target) location.replace(target + location.search);
})();
