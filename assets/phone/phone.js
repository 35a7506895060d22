// SPDX-License-Identifier: CC-BY-4.0
// The phone page: joins the game on the TV as one partner, shows what the
// game shows that partner, and sends what they choose. Plain JavaScript, no
// framework, nothing from the internet; text is only ever set as text.
(function () {
  'use strict';

  var main = document.getElementById('main');
  var alertBox = document.getElementById('alert');
  var status = document.getElementById('status');
  var who = document.getElementById('who');
  var store = window.sessionStorage;
  var socket = null;
  var state = null;
  var retry = 0;
  var retryTimer = null;
  var refused = false;
  var opened = false;
  var failures = 0;
  var said = '';
  var words = {};
  var wordsLang = null;

  var TIMES = ['Morning', 'Afternoon', 'Evening', 'Any time']; // shown through t()

  // The phrase in the game's language (/words.json), its {fields} filled.
  function t(phrase, fields) {
    var text = Object.prototype.hasOwnProperty.call(words, phrase) ? words[phrase] : phrase;
    return text.replace(/\{([a-z]+)\}/g, function (all, name) {
      return fields && fields[name] !== undefined ? String(fields[name]) : all;
    });
  }

  // Asks the game for its words (again when its language changes), then
  // shows what is shown now in them.
  function loadWords(lang) {
    wordsLang = lang;
    fetch('/words.json', { cache: 'no-store' }).then(function (r) {
      return r.ok ? r.json() : null;
    }).then(function (w) {
      if (!w || !w.words) return;
      words = w.words;
      wordsLang = w.lang;
      document.documentElement.lang = w.lang === 'pseudo' ? 'en' : w.lang;
      if (state) render();
      else main.querySelectorAll('.hint').forEach(function (h) { h.textContent = t('Connecting to the game…'); });
    }).catch(function () { wordsLang = null; });
  }

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        if (k === 'class') e.className = attrs[k];
        else if (k === 'onclick') e.addEventListener('click', attrs[k]);
        else e.setAttribute(k, attrs[k]);
      });
    }
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }

  function button(label, onclick, primary, id) {
    var b = el('button', { type: 'button', class: 'btn' + (primary ? ' primary' : ''), onclick: onclick }, label);
    if (id) b.id = id;
    return b;
  }

  function token() {
    var q = new URLSearchParams(window.location.search).get('t');
    if (q) store.setItem('token', q.replace(/[^A-Za-z0-9]/g, '').toUpperCase());
    return store.getItem('token');
  }

  function say(text) {
    // Told to screen readers once, when it changes.
    if (text && text !== said) {
      said = text;
      status.textContent = text;
    }
  }

  function showAlert(text) {
    alertBox.textContent = text || '';
    alertBox.hidden = !text;
  }

  function send(text) {
    if (socket && socket.readyState === 1) socket.send(text);
  }

  function nameOf(seat) {
    return state ? state['name' + seat] : t('Player {n}', { n: seat + 1 });
  }

  // ---- joining ----

  function askCode() {
    main.replaceChildren();
    main.append(el('h2', null, t('Join the game')));
    main.append(el('p', null, t('Type the code the TV shows under Settings, Phones.')));
    var label = el('label', { for: 'code' }, t('Code'));
    var input = el('input', { id: 'code', type: 'text', autocomplete: 'off', autocapitalize: 'characters',
      spellcheck: 'false', maxlength: '12' });
    main.append(label, input, button(t('Join'), function () {
      var code = input.value.replace(/[^A-Za-z0-9]/g, '').toUpperCase();
      if (code.length !== 8) {
        showAlert(t('The code has 8 letters and digits.'));
        return;
      }
      store.setItem('token', code);
      history.replaceState(null, '', '/?t=' + code);
      refused = false;
      opened = false;
      connect();
    }, true, 'join'));
  }

  function askSeat() {
    main.replaceChildren();
    main.append(el('h2', null, t('Who are you?')));
    main.append(el('p', null, t('Each of you joins from your own phone.')));
    [0, 1].forEach(function (s) {
      main.append(button(t('Player {n}', { n: s + 1 }), function () { send('join ' + (s + 1)); }, s === 0, 'seat' + (s + 1)));
    });
  }

  function connect() {
    var code = token();
    if (!code) {
      askCode();
      return;
    }
    clearTimeout(retryTimer);
    socket = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws?t=' +
      encodeURIComponent(code));
    socket.onopen = function () {
      retry = 0;
      opened = true;
      failures = 0;
      showAlert('');
      var seat = store.getItem('seat');
      if (seat !== null) send('join ' + (Number(seat) + 1) + ' ' + store.getItem('key'));
      else askSeat();
    };
    socket.onmessage = function (ev) {
      var m;
      try {
        m = JSON.parse(ev.data);
      } catch (e) {
        return;
      }
      receive(m);
    };
    socket.onclose = function () {
      socket = null;
      if (refused) return;
      if (!opened && ++failures >= 3) {
        // Never let in: most likely a code mistyped, or from an earlier game.
        failures = 0;
        store.removeItem('token');
        askCode();
        showAlert(t('The game did not let this phone in. Check the code on the TV and type it again.'));
        return;
      }
      retry = Math.min(retry + 1, 5);
      showAlert(t('Connection lost. Reconnecting…'));
      say(t('Connection lost. Reconnecting.'));
      retryTimer = setTimeout(connect, 500 * retry);
    };
  }

  function receive(m) {
    if (m.t === 'seat') {
      store.setItem('seat', String(m.seat));
      store.setItem('key', m.key);
    } else if (m.t === 'state') {
      if (m.token && m.token !== store.getItem('token')) {
        // A new game has a new code: the next reconnection needs it.
        store.setItem('token', m.token);
        history.replaceState(null, '', '/?t=' + m.token);
      }
      state = m;
      if (m.lang && m.lang !== wordsLang) loadWords(m.lang);
      render();
      // How many states this page has shown: lets a test wait for the next.
      document.body.dataset.states = String(Number(document.body.dataset.states || 0) + 1);
    } else if (m.t === 'error') {
      showAlert(m.why);
      say(m.why);
    } else if (m.t === 'refused') {
      refused = true;
      store.removeItem('seat');
      store.removeItem('key');
      if (/code/i.test(m.why)) store.removeItem('token');
      showAlert(m.why);
      say(m.why);
      main.replaceChildren(button(t('Try again'), function () {
        refused = false;
        showAlert('');
        connect();
      }, true, 'again'));
    }
  }

  // ---- what the phone shows ----

  function cardBox(card) {
    var box = el('div', { class: 'card kind-' + (card.kindClass || card.kind) });
    box.append(el('span', { class: 'kind' }, card.kind), document.createTextNode(card.text));
    return box;
  }

  function pickCards(verb, prefix) {
    state.cards.forEach(function (c, i) {
      var b = el('button', { type: 'button', class: 'card kind-' + (c.kindClass || c.kind), id: prefix + i,
        onclick: function () { send(verb + ' ' + i); } });
      b.append(el('span', { class: 'kind' }, c.kind), document.createTextNode(c.text));
      main.append(b);
    });
  }

  // taken(i): true when choice i is refused (another plan has that slot).
  function choices(labels, verb, taken) {
    var grid = el('div', { class: 'grid' });
    labels.forEach(function (label, i) {
      var b = button(label, function () { send(verb + ' ' + i); }, false, verb + i);
      if (taken && taken(i)) b.disabled = true;
      grid.append(b);
    });
    main.append(grid);
  }

  // Bit day * 4 + time of state.slots: a plan already has that slot.
  function slotTaken(day, time) {
    return day < 7 && ((state.slots || 0) >>> (day * 4 + time) & 1) === 1;
  }

  function sharing(mine) {
    main.append(cardBox(state.cards[0]));
    if (state.listening) {
      // The reader has answered: now the listener's turn, on the same card.
      var card = state.cards[0];
      // A card answered privately: both answers are in, so the listener says more about theirs.
      var reader = { name: nameOf(state.reader) }, listener = { name: nameOf(state.turn) };
      var line = card.followUp
        ? (mine ? (state.bothAnswer ? t('Ask {name} the follow-up, then answer the card too.', reader)
          : t('Ask {name} the follow-up.', reader)) : t('{name} asks you a follow-up.', listener))
        : state.private ? (mine ? t('Now you: say more about your answer.')
          : t('{name} says more about their answer now.', listener))
          : mine ? t('Now you: answer the same card.') : t('{name} answers the same card now.', listener);
      main.append(el('p', { class: 'turn' + (mine ? ' mine' : ''), id: 'listening' }, line));
      if (card.followUp) {
        var box = el('div', { class: 'card', id: 'follow-up' });
        box.append(el('span', { class: 'kind' }, t('Follow-up question')), document.createTextNode(card.followUp));
        main.append(box);
        say(t('Follow-up question') + ': ' + card.followUp);
      }
    }
    if (state.private) {
      if (state.reveal0 !== undefined) {
        var answers = el('div', { class: 'answers', 'aria-label': t('Both answers') });
        [0, 1].forEach(function (s) {
          var a = el('div', { class: 'answer' });
          a.append(el('b', null, nameOf(s)), document.createTextNode(state['reveal' + s]));
          answers.append(a);
        });
        main.append(answers);
        say(t('Both answers are on the TV.'));
      } else if (state.myAnswer) {
        main.append(el('p', { class: 'ok' }, t('Your answer is in. Waiting for {name}.', { name: nameOf(1 - state.seat) })));
        return;
      } else {
        main.append(el('label', { for: 'answer' }, t('Your private answer')));
        var text = el('textarea', { id: 'answer', maxlength: '200' });
        main.append(text, button(t('Send my answer'), function () {
          if (text.value.trim()) send('answer ' + text.value.trim().replace(/\s+/g, ' '));
        }, true, 'send-answer'));
        main.append(el('p', { class: 'muted' }, t('Nobody sees it until you have both answered.')));
        return;
      }
    }
    // Come back to this: either of you may keep the card for your next game.
    if (state.canKeep) {
      main.append(button(state.kept ? t('Kept for later') : t('Come back to this'), function () { send('keep'); }, false,
        'keep'));
    }
    if (!mine) return;
    var row = el('div', { class: 'row' });
    var pass = button(t('Pass'), function () { send('pass'); }, false, 'pass');
    pass.disabled = state.allowed.indexOf('pass') < 0;
    row.append(pass, button(t('Done'), function () { send('done'); }, true, 'done'));
    main.append(row);
  }

  function soloPick() {
    // From round 2: one goal a partner, kept with one press or swapped.
    var swap = state.allowed.indexOf('keep-goal') >= 0 && state.myGoal;
    if (swap) {
      main.append(el('p', { class: 'muted' }, t('Your goal, {day}:', { day: state.myGoalDay })));
      main.append(cardBox({ kindClass: 'Solo', kind: t('Solo goal'), text: state.myGoal }));
      main.append(button(t('Keep my goal'), function () { send('keepgoal'); }, true, 'keep-goal'));
      main.append(el('h2', null, t('Or swap it for one of these')));
    }
    pickCards('pick', 'pick');
    main.append(el('label', { for: 'goal' }, swap ? t('…or write a new goal of your own') : t('…or write your own goal')));
    var input = el('input', { id: 'goal', type: 'text', maxlength: '200', autocomplete: 'off' });
    main.append(input);
    var row = el('div', { class: 'row' });
    ['home', 'out'].forEach(function (where) {
      row.append(button(where === 'home' ? t('Keep it: at home') : t('Keep it: out'), function () {
        var goal = input.value.trim().replace(/\s+/g, ' ');
        if (!goal) {
          showAlert(t('Write your goal first.'));
          return;
        }
        send('goal ' + where + ' ' + goal);
      }, false, 'goal-' + where));
    });
    main.append(row);
  }

  function heading() {
    var names = ['Sharing', 'Planning', 'Solo goals', 'Support', 'Rebalance']; // shown through t()
    var phase = {
      'sharing': 0, 'plan-pick': 1, 'plan-day': 1, 'plan-time': 1, 'solo-pick': 2, 'solo-day': 2,
      'support-pick': 3, 'rebalance': 4
    }[state.phase];
    // (One star, or more: the languages of the catalogue count so.)
    main.append(el('p', { class: 'muted' }, t('Round {round} of {rounds}', { round: state.round, rounds: state.rounds }) +
      ' · ' + (phase === undefined ? '' : t(names[phase])) + ' · ' +
      (state.stars === 1 ? t('{n} star', { n: 1 }) : t('{n} stars', { n: state.stars }))));
    var mine = state.mine;
    var line = state.together ? t('Together: either of you can choose.')
      : mine ? t('Your turn.') : t('{name}’s turn.', { name: nameOf(state.turn) });
    main.append(el('p', { class: 'turn' + (mine ? ' mine' : ''), id: 'turn' }, line));
    say(line + ' ' + (state.cards.length ? state.cards[0].text : ''));
  }

  function play() {
    heading();
    var mine = state.mine;
    var p = state.phase;
    if (p === 'sharing') {
      sharing(mine);
      return;
    }
    if (state.held) {
      var plan = p.indexOf('plan') === 0;
      main.append(cardBox({ kindClass: plan ? 'Planning' : 'Solo', kind: plan ? t('Planning') : t('Solo goal'),
        text: state.held }));
    }
    if (!mine) {
      state.cards.forEach(function (c) { main.append(cardBox(c)); });
      return;
    }
    if (p === 'plan-pick') {
      main.append(el('h2', null, t('Pick one together')));
      pickCards('pick', 'pick');
      var redraw = button(t('New ideas ({n} left)', { n: state.redraws }), function () { send('redraw'); }, false, 'redraw');
      redraw.disabled = state.allowed.indexOf('redraw') < 0;
      main.append(redraw);
    } else if (p === 'plan-day' || p === 'solo-day') {
      main.append(el('h2', null, t('Which day?')));
      choices(state.days || [], 'day', p === 'solo-day' ? null : function (d) {
        return [0, 1, 2, 3].every(function (time) { return slotTaken(d, time); });
      });
    } else if (p === 'plan-time') {
      main.append(el('h2', null, t('What time of day?')));
      choices(TIMES.map(function (time) { return t(time); }), 'time', function (time) { return slotTaken(state.heldDay, time); });
    } else if (p === 'solo-pick') {
      main.append(el('h2', null, state.myGoal ? t('One goal of your own this week') : t('Keep a goal of your own this week')));
      soloPick();
    } else if (p === 'support-pick') {
      main.append(el('h2', null, t('How will you back {name}’s goal?', { name: state.goalOf })));
      pickCards('pick', 'pick');
    } else if (p === 'rebalance') {
      main.append(el('h2', null, t('Pick one to do together now')));
      pickCards('pick', 'pick');
      var skip = button(t('Not now'), function () { send('skip'); }, false, 'skip');
      skip.disabled = state.allowed.indexOf('skip') < 0;
      main.append(skip);
    }
  }

  function setup() {
    main.append(el('h2', null, t('A new game')));
    main.append(el('label', { for: 'name' }, t('Your name')));
    var input = el('input', { id: 'name', type: 'text', maxlength: '40', autocomplete: 'given-name' });
    input.value = state.typed || '';
    main.append(input, button(t('Save my name'), function () {
      var name = input.value.trim().replace(/\s+/g, ' ');
      if (name) send('name ' + name);
    }, false, 'save-name'));
    main.append(el('p', { class: 'muted' }, t('Playing: {a} and {b}.', { a: state.name0, b: state.name1 })));
    if (state.setupError) main.append(el('p', { role: 'note' }, state.setupError));
    main.append(button(t('Start the game'), function () { send('start'); }, true, 'start'));
    say(t('A new game is being set up.'));
  }

  function render() {
    document.documentElement.dataset.theme = state.theme;
    who.textContent = t('You are {name}', { name: nameOf(state.seat) });
    // What is being typed survives a new state.
    var keep = {};
    var focused = document.activeElement && document.activeElement.id;
    main.querySelectorAll('input, textarea').forEach(function (i) { keep[i.id] = i.value; });
    showAlert(state.error);
    main.replaceChildren();
    if (state.screen === 'title') {
      main.append(el('p', null, t('The TV is on its first screen.')));
      main.append(button(t('New game'), function () { send('new'); }, true, 'new'));
      say(t('The TV is on its first screen.'));
    } else if (state.screen === 'setup') {
      setup();
    } else if (state.screen === 'play') {
      play();
    } else if (state.screen === 'reveal') {
      main.append(el('h2', null, t('The game is over')));
      main.append(el('p', null, t('Your stars and the rope’s path are on the TV.')));
      main.append(button(t('See our week'), function () { send('done'); }, true, 'see-week'));
      say(t('The game is over. Your stars and the rope’s path are on the TV.'));
    } else if (state.screen === 'over') {
      main.append(el('h2', null, t('The game is over')));
      main.append(el('p', { id: 'over' }, t('Your week is on the TV. Well played, both of you.')));
      say(t('The game is over. Your week is on the TV.'));
    } else {
      main.append(el('p', { class: 'hint' }, t('Look at the TV: the game will be back here in a moment.')));
    }
    main.querySelectorAll('input, textarea').forEach(function (i) {
      if (keep[i.id] !== undefined && i.id !== 'name') i.value = keep[i.id];
      else if (keep[i.id] !== undefined && keep[i.id] !== '') i.value = keep[i.id];
    });
    if (focused && document.getElementById(focused)) document.getElementById(focused).focus();
  }

  loadWords(null);
  connect();
})();
