import { currentMember, roleWords, safeNext, type InvitationPreview, type Me, type SsoStatus } from '../lib/account';
import { ApiError, api } from '../lib/api';
import { h, replaceContent } from '../lib/dom';
import { describeError } from '../lib/errors';
import { dateTime } from '../lib/format';
import { PasskeyError, passkeysSupported, signInWithPasskey } from '../lib/passkeys';
import { checkEmail, checkPasswords, SimpleForm } from '../ui/form';
import { errorPanel, loading, renderShell } from '../ui/shell';

function page(title: string, ...content: HTMLElement[]): HTMLElement {
  return renderShell({ title, main: h('section', { class: 'panel narrow', 'aria-labelledby': 'page-title' }, h('h1', { id: 'page-title', tabindex: '-1' }, title), content) });
}

function incomplete(main: HTMLElement, what: string): void {
  replaceContent(main, errorPanel('This link is incomplete', `The part after # is missing. Copy the whole ${what} and open it again.`,
    h('p', null, h('a', { href: '/' }, 'Go to the start page'))));
  main.querySelector<HTMLElement>('h1')?.focus();
}

/** /sign-in?next=/path: e-mail and password, then back where they came from. */
export function showSignIn(): void {
  const params = new URLSearchParams(location.search);
  const next = safeNext(params.get('next'));
  const form: SimpleForm = new SimpleForm('sign-in', [
    { name: 'email', label: 'E-mail', type: 'email', autocomplete: 'username' },
    { name: 'password', label: 'Password', type: 'password', autocomplete: 'current-password' },
  ], 'Sign in', async (values): Promise<void> => {
    const errors: Record<string, string[]> = {};
    if (!values.email!.trim()) errors.email = ['Enter your e-mail address.'];
    if (!values.password) errors.password = ['Enter your password.'];
    if (Object.keys(errors).length) return form.showErrors('You could not be signed in', '', errors);
    form.busy('Signing in…');
    try {
      await api<Me>('POST', '/api/account/sign-in', null, { email: values.email!.trim(), password: values.password }, { noSignInRedirect: true });
      location.assign(next);
    } catch (error) {
      const e = error instanceof ApiError ? error : new ApiError('unknown', String(error), 0);
      const message = e.code === 'signInFailed' ? `${e.message} Check the e-mail address and the password, and try again.`
        : e.code === 'lockedOut' ? `${e.message} Too many wrong passwords in a row lock the account for 15 minutes; wait, or ask an owner of your workspace for a password reset link.`
        : describeError(e);
      form.inputs.password!.value = '';
      form.showErrors(e.code === 'lockedOut' ? 'This account is locked for now' : 'You could not be signed in', message);
    }
  });
  const sso = ssoSignIn(next, params.get('sso'), params.get('email'));
  page('Sign in',
    sso.message,
    h('p', null, 'Sign in to see your team’s studies. Joining a session as a participant needs no account: open the link you were given.'),
    form.element,
    sso.link,
    passkeySignIn(next),
    h('p', { class: 'muted small' }, 'Forgot your password? Ask an owner of your workspace for a password reset link.'));
  form.inputs.email!.focus();
}

/**
 * "Sign in with <provider>" when the server has single sign-on: a plain link, as the provider's pages take over the
 * tab. Coming back from it with ?sso=…, the reason it did not sign you in, announced when the provider's name is known.
 */
function ssoSignIn(next: string, outcome: string | null, email: string | null): { message: HTMLElement; link: HTMLElement } {
  const message = h('p', { class: 'field-error sso-message', role: 'alert' });
  const link = h('div', { class: 'sso-sign-in', hidden: true });
  const explain = (provider: string): string | null =>
    outcome === 'no-account' ? `Your ${provider} account${email ? ` (${email})` : ''} is not a member here. Ask a workspace owner for an invitation.`
      : outcome === 'locked-out' ? 'This account is locked for now. A workspace owner can send you a password reset link.'
      : outcome === 'failed' ? `Signing in with ${provider} did not work. Try again, or sign in with your password.`
      : null;
  void api<SsoStatus>('GET', '/api/account/sso', null, undefined, { noSignInRedirect: true })
    .catch((): SsoStatus => ({ enabled: false, displayName: null }))
    .then((sso) => {
      const provider = sso.displayName ?? 'single sign-on';
      message.textContent = explain(provider) ?? '';
      if (!sso.enabled) return;
      replaceContent(link,
        h('p', null, 'Or, with your organisation’s account:'),
        h('a', { class: 'button button-secondary', href: `/api/account/sso/start?next=${encodeURIComponent(next)}` }, `Sign in with ${provider}`));
      link.hidden = false;
    });
  return { message, link };
}

/** "Sign in with a passkey", where the browser can: no e-mail address or password, the device says who it is. */
function passkeySignIn(next: string): HTMLElement {
  if (!passkeysSupported()) return h('div', { hidden: true });
  const status = h('p', { class: 'passkey-status', role: 'status', id: 'passkey-status' });
  const button = h('button', { type: 'button', class: 'button button-secondary', 'aria-describedby': 'passkey-status' }, 'Sign in with a passkey');
  button.addEventListener('click', async () => {
    button.disabled = true;
    status.classList.remove('passkey-status-error');
    status.textContent = 'Waiting for your passkey… Follow your browser’s or device’s prompt.';
    try {
      await signInWithPasskey();
      status.textContent = 'Signed in. Opening SessionLab…';
      location.assign(next);
    } catch (error) {
      const e = error instanceof PasskeyError ? error : new PasskeyError('server', String(error));
      status.classList.add('passkey-status-error');
      status.textContent = e.kind === 'notRecognised'
        ? `Your passkey was not recognised. ${e.message}`
        : e.kind === 'cancelled' ? `${e.message} Try again, or sign in with your password.` : e.message;
      button.disabled = false;
      button.focus();
    }
  });
  return h('div', { class: 'passkey-sign-in' },
    h('p', null, 'Or, if you added a passkey to your account:'),
    button,
    status);
}

/** /setup#<token>: the first owner of a new server, from the link it printed when it started. */
export function showSetup(token: string): void {
  if (!token) return incomplete(renderShell({ title: 'Set up SessionLab', main: null }), 'setup link the server printed');
  const form: SimpleForm = new SimpleForm('setup', [
    { name: 'email', label: 'Your e-mail', type: 'email', autocomplete: 'username' },
    { name: 'displayName', label: 'Your name', autocomplete: 'name', help: 'Your team sees it beside your notes and ratings.' },
    { name: 'password', label: 'Password', type: 'password', autocomplete: 'new-password', help: 'At least 10 characters.' },
    { name: 'confirm', label: 'Password again', type: 'password', autocomplete: 'new-password' },
  ], 'Create the owner account', async (values): Promise<void> => {
    const errors: Record<string, string[]> = {};
    checkEmail(values.email!, errors);
    if (!values.displayName!.trim()) errors.displayName = ['Enter your name.'];
    checkPasswords(values, errors);
    if (Object.keys(errors).length) return form.showErrors('The account could not be created', 'Fix these and try again.', errors);
    form.busy('Creating the account…');
    try {
      await api<Me>('POST', '/api/account/setup', null,
        { setupToken: token, email: values.email!.trim(), displayName: values.displayName!.trim(), password: values.password }, { noSignInRedirect: true });
      location.assign('/');
    } catch (error) {
      if (error instanceof ApiError && error.code === 'alreadySetUp') {
        return form.showErrors('This server is already set up', `${error.message} Its owner can invite you; or sign in if you have an account.`);
      }
      form.showProblem('The account could not be created', error);
    }
  });
  page('Set up SessionLab',
    h('p', null, 'You are the first person here. Create the owner account: you can then invite your team, and the sample study is waiting in your workspace.'),
    form.element,
    h('p', { class: 'muted small' }, 'Already set up? ', h('a', { href: '/sign-in' }, 'Sign in')));
  form.inputs.email!.focus();
}

/** /reset#<token>: a new password, from the one-time link an owner made. */
export function showReset(token: string): void {
  if (!token) return incomplete(renderShell({ title: 'Choose a new password', main: null }), 'password reset link');
  const done = h('div', { role: 'status' });
  const form: SimpleForm = new SimpleForm('reset', [
    { name: 'password', label: 'New password', type: 'password', autocomplete: 'new-password', help: 'At least 10 characters.' },
    { name: 'confirm', label: 'New password again', type: 'password', autocomplete: 'new-password' },
  ], 'Save the new password', async (values): Promise<void> => {
    const errors: Record<string, string[]> = {};
    checkPasswords(values, errors);
    if (Object.keys(errors).length) return form.showErrors('The password was not changed', 'Fix these and try again.', errors);
    form.busy('Saving…');
    try {
      await api<void>('POST', '/api/account/password-reset', null, { token, password: values.password }, { noSignInRedirect: true });
      form.element.hidden = true;
      replaceContent(done, h('p', null, 'Your new password is saved. '), h('p', null, h('a', { href: '/sign-in' }, 'Sign in with it')));
      done.querySelector<HTMLElement>('a')?.focus();
    } catch (error) {
      form.showProblem('The password was not changed', error);
    }
  });
  page('Choose a new password', h('p', null, 'This link works once. Choose the password you will sign in with from now on.'), form.element, done);
  form.inputs.password!.focus();
}

/** /welcome#<token>: an invitation to a workspace, accepted with a new account or, when signed in, the current one. */
export async function showWelcome(token: string): Promise<void> {
  const main = renderShell({ title: 'Join a workspace', main: loading('Reading the invitation…') });
  if (!token) return incomplete(main, 'invitation link');
  let preview: InvitationPreview;
  let me: Me | null;
  try {
    [preview, me] = await Promise.all([
      api<InvitationPreview>('POST', '/api/account/invitations/preview', null, { token }, { noSignInRedirect: true }),
      currentMember(),
    ]);
  } catch (error) {
    const e = error instanceof ApiError ? error : new ApiError('unknown', String(error), 0);
    const title = e.code === 'tokenExpired' ? 'This invitation has expired' : e.code === 'network' ? 'The server could not be reached' : 'This invitation does not work';
    replaceContent(main, errorPanel(title, e.code === 'tokenExpired' ? `${e.message} Ask the workspace’s owner for a new invitation.` : describeError(e),
      h('p', null, h('a', { href: '/' }, 'Go to the start page'))));
    main.querySelector<HTMLElement>('h1')?.focus();
    return;
  }
  const role = roleWords[preview.role];
  const intro = [
    h('p', { class: 'lead' }, `You are invited to the workspace ${preview.workspaceName}.`),
    h('p', null, 'Your role: ', h('strong', null, role), '.'),
    h('p', { class: 'muted small' }, `The invitation works until ${dateTime(preview.expiresAt)}.`),
  ];
  const accept = async (body: Record<string, unknown>, form: SimpleForm, busy: string) => {
    form.busy(busy);
    try {
      await api<Me>('POST', '/api/account/invitations/accept', null, { token, ...body }, { noSignInRedirect: true });
      location.assign('/');
    } catch (error) {
      form.showProblem('You could not join the workspace', error);
    }
  };
  let form: SimpleForm;
  if (me) {
    form = new SimpleForm('welcome', [], `Join ${preview.workspaceName}`, () => accept({}, form, 'Joining…'));
    replaceContent(main, h('section', { class: 'panel narrow', 'aria-labelledby': 'page-title' },
      h('h1', { id: 'page-title', tabindex: '-1' }, `Join ${preview.workspaceName}`),
      intro,
      h('p', null, `You are signed in as ${me.displayName} (${me.email}); the workspace is added to your account.`),
      form.element));
    form.submit.focus();
    return;
  }
  form = new SimpleForm('welcome', [
    { name: 'email', label: 'Your e-mail', type: 'email', autocomplete: 'username', value: preview.email ?? '', readonly: !!preview.email,
      help: preview.email ? 'The invitation is for this address.' : undefined },
    { name: 'displayName', label: 'Your name', autocomplete: 'name', help: 'Your team sees it beside your notes and ratings.' },
    { name: 'password', label: 'Password', type: 'password', autocomplete: 'new-password', help: 'At least 10 characters.' },
    { name: 'confirm', label: 'Password again', type: 'password', autocomplete: 'new-password' },
  ], 'Create my account and join', async (values): Promise<void> => {
    const errors: Record<string, string[]> = {};
    checkEmail(values.email!, errors);
    if (!values.displayName!.trim()) errors.displayName = ['Enter your name.'];
    checkPasswords(values, errors);
    if (Object.keys(errors).length) return form.showErrors('You could not join the workspace', 'Fix these and try again.', errors);
    await accept({ email: values.email!.trim(), displayName: values.displayName!.trim(), password: values.password }, form, 'Creating your account…');
  });
  replaceContent(main, h('section', { class: 'panel narrow', 'aria-labelledby': 'page-title' },
    h('h1', { id: 'page-title', tabindex: '-1' }, `Join ${preview.workspaceName}`),
    intro,
    h('h2', null, 'Create your account'),
    form.element,
    h('p', { class: 'muted small' }, 'Already have an account? ', h('a', { href: `/sign-in?next=${encodeURIComponent(`/welcome#${token}`)}` }, 'Sign in first'), ', then open this invitation again.')));
  (preview.email ? form.inputs.displayName! : form.inputs.email!).focus();
}
