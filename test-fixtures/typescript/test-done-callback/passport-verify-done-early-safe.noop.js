// fixture-options: express=5 safety=safe
const express = require('express');
const passport = require('passport');
const LocalStrategy = require('passport-local').Strategy;
const bcrypt = require('bcryptjs');

const accounts = new Map([['ada', { name: 'ada', hash: bcrypt.hashSync('lovelace', 4), logins: 0 }]]);

// `done` runs before the count: with an await first, passport would go on before the count is kept.
passport.use(
  new LocalStrategy((username, password, done) => {
    const account = accounts.get(username);
    const ok = account !== undefined && bcrypt.compareSync(password, account.hash);
    done(null, ok ? account : false);
    if (ok) account.logins += 1;
  })
);

const app = express();
app.use(passport.initialize());
app.post('/login', passport.authenticate('local', { session: false }), (req, res) => {
  res.json({ user: req.user.name });
});

module.exports = app;
