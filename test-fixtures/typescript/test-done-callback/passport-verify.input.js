// fixture-options: express=5
const express = require('express');
const passport = require('passport');
const LocalStrategy = require('passport-local').Strategy;
const bcrypt = require('bcryptjs');

const accounts = new Map([['ada', { name: 'ada', hash: bcrypt.hashSync('lovelace', 4) }]]);

// Passport calls the verify callback on each login and learns the outcome through `done` only.
passport.use(
  new LocalStrategy(function (username, password, done) {
    const account = accounts.get(username);
    if (!account) {
      return done(null, false, { message: 'Unknown user.' });
    }
    if (!bcrypt.compareSync(password, account.hash)) {
      return done(null, false, { message: 'Wrong password.' });
    }
    return done(null, account);
  })
);

const app = express();
app.use(express.json());
app.use(passport.initialize());
app.post('/login', passport.authenticate('local', { session: false }), (req, res) => {
  res.json({ user: req.user.name });
});

module.exports = app;
