// SPDX-License-Identifier: MIT
// Two phones in Debian's chromium (headless, driven by puppeteer-core) join
// the game at URL as partner 1 and partner 2 and play a whole game from the
// page alone: names typed, every sharing card answered privately (the test's
// decks mark them all), partner 1's own goal typed, every choice tapped, and from round 2 each
// keeps their one goal (Keep my goal).
// Prints one line per check and "N passed, 0 failed"; exits non-zero on a
// failure. Every wait is bounded. 127.0.0.1 only.
//
//   node play_browser.js URL [SCREENSHOT_DIR]
//
// With TIGHTROPE_GAME_PID set, a phone reloads its page mid-game and must
// rejoin by itself, and at the end the game is quit (SIGTERM): both pages
// must then say the connection is lost.
'use strict';

const puppeteer = require('puppeteer-core');

const url = process.argv[2];
const shots = process.argv[3];
const GOAL = 'Walk to the sea at dawn';
let passed = 0;

function check(cond, what) {
  if (!cond) throw new Error('FAILED: ' + what);
  passed++;
  console.log('ok - ' + what);
}

if (!/^http:\/\/127\.0\.0\.1:\d+\/\?t=[A-Z0-9]{8}$/.test(url || '')) {
  console.error('usage: node play_browser.js http://127.0.0.1:PORT/?t=TOKEN [SCREENSHOT_DIR]');
  process.exit(2);
}

async function states(page) {
  return page.evaluate(() => Number(document.body.dataset.states || 0));
}

// Waits (bounded) until the page has shown more than n states.
async function nextState(page, n) {
  try {
    await page.waitForFunction((k) => Number(document.body.dataset.states || 0) > k, { timeout: 5000 }, n);
    return true;
  } catch (e) {
    return false;
  }
}

// What this phone can do now, in the order a player would.
async function options(page) {
  return page.evaluate(() => {
    const has = (id) => {
      const e = document.getElementById(id);
      return !!e && !e.disabled;
    };
    // The first choice of a kind the page offers (taken slots are greyed out).
    const first = (prefix) => {
      const e = Array.from(document.querySelectorAll('[id^="' + prefix + '"]')).find((b) => !b.disabled);
      return e ? e.id : '';
    };
    return {
      answer: has('answer'), over: has('over'), goal: has('goal'), pick: has('pick0'), day: first('day'),
      time: first('time'), skip: has('skip'), keepGoal: has('keep-goal'), seeWeek: has('see-week'), done: has('done'), turn: (document.getElementById('turn') || {}).textContent || '',
      reveal: !!document.querySelector('.answers'), alert: document.getElementById('alert').textContent,
      listening: (document.getElementById('listening') || {}).textContent || ''
    };
  });
}

async function tap(page, id) {
  const n = await states(page);
  await page.click('#' + id);
  return nextState(page, n);
}

async function type(page, id, text) {
  await page.click('#' + id, { clickCount: 3 });
  await page.type('#' + id, text);
}

async function shoot(page, name, scheme) {
  if (!shots) return;
  await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
  await page.screenshot({ path: shots + '/' + name });
}

// One move for the phone of name, or false when it has none now.
async function move(page, name, typedGoal) {
  const o = await options(page);
  if (o.answer) {
    if (shots && name === 'Ana' && !shot) {
      shot = true;
      await shoot(page, 'phone-dark.png', 'dark');
      await shoot(page, 'phone-light.png', 'light');
      await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
    }
    await type(page, 'answer', 'Private answer from ' + name);
    return tap(page, 'send-answer');
  }
  if (o.goal && !typedGoal.done) {
    typedGoal.done = true;
    await type(page, 'goal', GOAL);
    return tap(page, 'goal-home');
  }
  if (o.seeWeek) return tap(page, 'see-week');
  if (o.keepGoal) return tap(page, 'keep-goal'); // from round 2: each keeps their one goal
  if (o.pick) return tap(page, 'pick0');
  if (o.day) return tap(page, o.day);
  if (o.time) return tap(page, o.time);
  if (o.done) {
    if (o.reveal) reveals.add(name);
    if (/^Now you: (answer the same card|say more about your answer)\.$|^Ask .* the follow-up/.test(o.listening)) {
      listeners.add(name);
    }
    return tap(page, 'done');
  }
  return false;
}

const reveals = new Set();
const listeners = new Set(); // who answered a card the other read, on their phone
let shot = false;

async function main() {
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-extensions', '--disable-sync',
      '--disable-background-networking', '--disable-component-update', '--disable-default-apps',
      '--no-default-browser-check', '--metrics-recording-only', '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'],
  });
  try {
    const phones = [];
    for (let i = 0; i < 2; i++) {
      const ctx = await browser.createBrowserContext();
      const page = await ctx.newPage();
      await page.setViewport({ width: 390, height: 844, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
      await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
      page.setDefaultTimeout(10000);
      const blocked = [];
      page.on('requestfailed', (r) => blocked.push(r.url()));
      await page.goto(url, { waitUntil: 'load' });
      await page.waitForSelector('#seat' + (i + 1));
      const n = await states(page);
      await page.click('#seat' + (i + 1));
      check(await nextState(page, n), 'phone ' + (i + 1) + ' joins as partner ' + (i + 1));
      phones.push(page);
    }
    const [ana, bo] = phones;
    check(await ana.$eval('#status', (e) => e.getAttribute('aria-live')) === 'polite',
      'changes are announced in an ARIA live region');
    await tap(ana, 'new');
    await ana.waitForSelector('#name');
    await bo.waitForSelector('#name');
    await type(ana, 'name', 'Ana');
    await tap(ana, 'save-name');
    await type(bo, 'name', 'Bo');
    await tap(bo, 'save-name');
    await ana.waitForFunction(() => /Ana and Bo/.test(document.body.textContent));
    check(true, 'both names are typed on the phones and reach the game');
    await tap(ana, 'start');
    await ana.waitForSelector('#turn');
    check(/Your turn/.test(await ana.$eval('#turn', (e) => e.textContent)), 'the game starts on Ana’s turn');
    // Each phone gets the new state on its own socket: Bo's may arrive after Ana's.
    await bo.waitForSelector('#turn');
    check(/Ana’s turn/.test(await bo.$eval('#turn', (e) => e.textContent)), 'Bo’s phone says it is Ana’s turn');

    const goals = [{ done: false }, { done: false }];
    let moves = 0;
    for (let round = 0; round < 600; round++) {
      const [oa, ob] = [await options(ana), await options(bo)];
      if (oa.over && ob.over) break;
      let moved = await move(ana, 'Ana', goals[0]);
      if (!moved) moved = await move(bo, 'Bo', { done: true });
      if (moved) {
        moves++;
        if (moves === 12 && process.env.TIGHTROPE_GAME_PID) {
          // The phone's browser reloads (or the phone wakes up): it comes back by itself.
          await bo.reload({ waitUntil: 'load' });
          await bo.waitForFunction(() => Number(document.body.dataset.states || 0) > 0);
          check(/You are Bo/.test(await bo.$eval('#who', (e) => e.textContent)) &&
            (await bo.$('#turn')) !== null, 'a phone that reloads mid-game rejoins by itself, as Bo');
        }
        continue;
      }
      // Nothing to do on either phone: wait (bounded) for the next state.
      const [na, nb] = [await states(ana), await states(bo)];
      await Promise.race([nextState(ana, na), nextState(bo, nb)]);
    }
    check((await options(ana)).over && (await options(bo)).over, 'the whole game is played from the phones (' +
      moves + ' moves), and both phones say it is over');
    check(goals[0].done, 'Ana typed her own goal on her phone');
    check(reveals.size > 0, 'both private answers were shown together before Done');
    check(listeners.has('Ana') && listeners.has('Bo'), 'both answer: each answered the other’s card from their phone');
    if (process.env.TIGHTROPE_GAME_PID) {
      process.kill(Number(process.env.TIGHTROPE_GAME_PID), 'SIGTERM');
      for (const page of phones) {
        await page.waitForFunction(() => /Connection lost/.test(document.getElementById('alert').textContent) &&
          !document.getElementById('alert').hidden, { timeout: 10000 });
      }
      check(await ana.$eval('#alert', (e) => e.getAttribute('role')) === 'alert',
        'when the game goes away, both phones say the connection is lost, in an alert');
    }
  } finally {
    await browser.close();
  }
  console.log(passed + ' passed, 0 failed');
}

main().catch((e) => {
  console.error(e.stack || String(e));
  console.log(passed + ' passed, 1 failed');
  process.exit(1);
});
