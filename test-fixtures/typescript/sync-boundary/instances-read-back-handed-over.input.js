// fixture-options: express=5
// Instances put in a local collection and read back out of it before the
// hand-over: a `for...of` variable (`for (const card of cards)
// board.pin(card)`), an iteration callback's parameter
// (`badges.forEach((badge) => board.pin(badge))`), an element read by index
// (`board.pin(slots[0])`) or by `get` (`board.pin(byName.get('main'))`).
// The library receives the instance and may call its methods, so those keep
// their sync form. A collection read back only into project code
// (`stickers.forEach((s) => tally(s))`) hands nothing over:
// `Sticker.label` becomes async.
const express = require('express');
const fs = require('fs');
const board = require('pinboard');

class Card {
  caption() {
    return fs.readFileSync('card.txt', 'utf8');
  }
}

class Badge {
  caption() {
    return fs.readFileSync('badge.txt', 'utf8');
  }
}

class Slot {
  caption() {
    return fs.readFileSync('slot.txt', 'utf8');
  }
}

class Frame {
  caption() {
    return fs.readFileSync('frame.txt', 'utf8');
  }
}

class Sticker {
  label() {
    return fs.readFileSync('sticker.txt', 'utf8');
  }
}

function tally(sticker) {
  return sticker === undefined ? 0 : 1;
}

const app = express();
app.get('/board', (req, res) => {
  const card = new Card();
  const badge = new Badge();
  const slot = new Slot();
  const frame = new Frame();
  const cards = [card];
  const badges = [];
  badges.push(badge);
  const slots = [slot];
  const byName = new Map([['main', frame]]);
  for (const c of cards) board.pin(c);
  badges.forEach((b) => board.pin(b));
  board.pin(slots[0]);
  board.pin(byName.get('main'));
  res.send(card.caption() + badge.caption() + slot.caption() + frame.caption());
});
app.get('/stickers', (req, res) => {
  const sticker = new Sticker();
  const stickers = [sticker];
  let count = 0;
  stickers.forEach((s) => {
    count += tally(s);
  });
  for (const s of stickers) count += tally(s);
  res.send(sticker.label() + count);
});

module.exports.app = app;
