/**
 * A local stand-in for Stripe.js (`https://js.stripe.com/v3/`), served by the Stripe fake at `GET /v3/`, implementing
 * the subset Tessera's member screens use, the way Stripe.js does it against the fake's API (the origin the script was
 * loaded from), with the publishable key and the PaymentIntent's client secret — never the secret key:
 *
 * - `Stripe(publishableKey)` (throws on a key that is not `pk_…`);
 * - `stripe.elements()` → `elements.create('card' | 'payment')` → `element.mount(domElement | selector)`, `on('change')`,
 *   `unmount()`, `destroy()`: mounts card number, expiry and CVC fields (Stripe mounts an iframe with the same fields);
 * - `stripe.confirmCardPayment(clientSecret, { payment_method: { card: element } })` and
 *   `stripe.confirmPayment({ elements, clientSecret, redirect: 'if_required' })`: creates the PaymentMethod
 *   (`POST /v1/payment_methods` with `card[number]`…) and confirms the PaymentIntent
 *   (`POST /v1/payment_intents/:id/confirm` with `client_secret`), resolving `{ paymentIntent }` or `{ error }` exactly
 *   as Stripe.js does (a decline: `error.type === 'card_error'`, `error.message === 'Your card was declined.'`; an
 *   incomplete number: `validation_error`). Test card numbers: 4242 4242 4242 4242 pays, 4000 0000 0000 0002 declines.
 */
export const STRIPE_JS_STANDIN = String.raw`(function () {
  var script = document.currentScript;
  var api = new URL(script && script.src ? script.src : location.href).origin;
  function encode(params, prefix, out) {
    out = out || [];
    Object.keys(params).forEach(function (k) {
      var v = params[k]; var key = prefix ? prefix + '[' + k + ']' : k;
      if (v === undefined || v === null) return;
      if (typeof v === 'object') encode(v, key, out); else out.push(encodeURIComponent(key) + '=' + encodeURIComponent(String(v)));
    });
    return out.join('&');
  }
  function post(path, params) {
    return fetch(api + path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: encode(params) })
      .then(function (r) { return r.json(); });
  }
  function makeElement(type) {
    var root = null; var handlers = {}; var fields = {};
    function value() {
      return { number: (fields.number && fields.number.value || '').replace(/\s+/g, ''), expiry: fields.expiry ? fields.expiry.value : '', cvc: fields.cvc ? fields.cvc.value : '' };
    }
    function emit(name, ev) { (handlers[name] || []).forEach(function (h) { h(ev); }); }
    function input(label, placeholder, name) {
      var i = document.createElement('input');
      i.setAttribute('aria-label', label); i.placeholder = placeholder; i.autocomplete = 'off'; i.inputMode = 'numeric';
      i.style.cssText = 'border:0;outline:0;font:inherit;background:transparent;min-width:0;width:0;flex:' + (name === 'number' ? '3 1 0' : '1 1 0');
      i.addEventListener('input', function () { var v = value(); emit('change', { elementType: type, empty: !v.number, complete: v.number.length >= 15 && !!v.expiry && !!v.cvc, error: undefined }); });
      fields[name] = i; return i;
    }
    return {
      mount: function (target) {
        var el = typeof target === 'string' ? document.querySelector(target) : target;
        if (!el) throw new Error('Stripe stand-in: mount target not found');
        root = document.createElement('div'); root.className = 'StripeElement';
        root.style.cssText = 'display:flex;gap:8px;align-items:center';
        root.appendChild(input('Card number', '1234 1234 1234 1234', 'number'));
        root.appendChild(input('Expiration date', 'MM / YY', 'expiry'));
        root.appendChild(input('CVC', 'CVC', 'cvc'));
        el.appendChild(root); setTimeout(function () { emit('ready', {}); }, 0);
      },
      on: function (name, h) { (handlers[name] = handlers[name] || []).push(h); return this; },
      focus: function () { if (fields.number) fields.number.focus(); },
      unmount: function () { if (root && root.parentNode) root.parentNode.removeChild(root); },
      destroy: function () { this.unmount(); root = null; },
      _value: value,
    };
  }
  function Stripe(publishableKey) {
    if (!/^pk_(test|live)_/.test(String(publishableKey))) throw new Error('Invalid value for Stripe(): apiKey should be a publishable key (pk_...)');
    var created = [];
    function confirm(clientSecret, element) {
      var piId = String(clientSecret).split('_secret_')[0];
      var v = element ? element._value() : { number: '' };
      if (v.number.length < 15) return Promise.resolve({ error: { type: 'validation_error', code: 'incomplete_number', message: 'Your card number is incomplete.' } });
      var exp = v.expiry.split('/').map(function (s) { return s.trim(); });
      return post('/v1/payment_methods', { key: publishableKey, type: 'card', card: { number: v.number, exp_month: exp[0] || '12', exp_year: exp[1] ? '20' + exp[1].slice(-2) : '2034', cvc: v.cvc } })
        .then(function (pm) {
          if (pm.error) return { error: pm.error };
          return post('/v1/payment_intents/' + piId + '/confirm', { key: publishableKey, client_secret: clientSecret, payment_method: pm.id })
            .then(function (pi) { return pi.error ? { error: pi.error } : { paymentIntent: pi }; });
        });
    }
    return {
      elements: function () {
        return {
          create: function (type) {
            if (type !== 'card' && type !== 'payment') throw new Error('Stripe stand-in: unsupported element ' + type);
            var e = makeElement(type); created.push(e); return e;
          },
          getElement: function () { return created[0] || null; },
        };
      },
      confirmCardPayment: function (clientSecret, data) { return confirm(clientSecret, data && data.payment_method && data.payment_method.card); },
      confirmPayment: function (opts) { return confirm(opts.clientSecret, created[0]); },
    };
  }
  window.Stripe = Stripe;
})();
`
