// fixture-options: express=4
const express = require('express');
const showNote = require('./routes/show-note');
const listNotes = require('./routes/list-notes');

const app = express();

app.use(require('./middleware/build-stamp'));
app.get('/notes', listNotes);
app.get('/notes/:id', showNote);

module.exports = app;
