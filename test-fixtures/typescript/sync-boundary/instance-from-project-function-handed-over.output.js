// fixture-options: express=5
// An instance made by a project function and handed to a library: passed
// straight on (`board.pin(makeCard())`), kept in a variable first
// (`const badge = makeBadge(); board.pin(badge)`), made through another
// factory (`return makeCard()`) or an arrow (`const makeSlot = () =>
// new Slot()`). The library receives the instance and may call its
// methods, so those keep their sync form. A made instance handed only to
// project code (`describe(makeSticker())`) hands nothing over:
// `Sticker.label` becomes async.
const express = require('express');
const fs = require('fs');
const board = require('pinboard');
const { readFile } = require('fs/promises');

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

class Sticker {
  async label() {
    return await readFile('sticker.txt', 'utf8');
  }
}

function makeCard() {
  return new Card();
}

function makeBadge() {
  const badge = new Badge();
  return badge;
}

function makeDefault() {
  return makeCard();
}

const makeSlot = () => new Slot();

function makeSticker() {
  return new Sticker();
}

function describe(sticker) {
  return typeof sticker;
}

const app = express();
app.get('/board', (req, res) => {
  board.pin(makeDefault());
  const badge = makeBadge();
  board.pin(badge);
  board.pin(makeSlot());
  res.send(new Card().caption() + new Badge().caption() + new Slot().caption());
});
app.get('/stickers', async (req, res) => {
  res.send((await new Sticker().label()) + describe(makeSticker()));
});

module.exports.app = app;
