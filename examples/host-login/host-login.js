// The shop's own page script: shows who is logged in on the shop. The chat needs none of this; it
// asks the identity endpoint itself.
const account = document.getElementById('account');
const login = document.getElementById('login');
const logout = document.getElementById('logout');

const response = await fetch('/host-login/session', { credentials: 'include' });
if (response.ok) {
  const { user } = await response.json();
  account.textContent = user ? `Logged in to the shop as ${user.name}` : 'Not logged in';
  login.hidden = Boolean(user);
  logout.hidden = !user;
} else {
  document.getElementById('unavailable').hidden = false;
}

// Logging out of the shop signs the chat out at once (and clears what it stored), before the page
// reloads; the next page's widget would find no identity anyway.
logout.addEventListener('submit', async (event) => {
  event.preventDefault();
  await document.querySelector('chat-widget').clearIdentity?.();
  logout.submit();
});
