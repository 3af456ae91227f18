// fixture-options: express=5
const express = require('express');
const fs = require('fs');
const { buildSchema } = require('schema-kit');
const { createHandler } = require('graphql-http/lib/use/express');

function readNote(id) {
  return fs.readFileSync(`notes/${id}.txt`, 'utf8');
}

// Resolvers handed to a helper awaitify cannot see into: they stay sync.
const Query = {
  note: (_, { id }) => ({ id, text: readNote(id) }),
};
const Mutation = {
  saveNote(_, { id, text }) {
    fs.writeFileSync(`notes/${id}.txt`, text);
    return true;
  },
};

const schema = buildSchema({
  typeDefs: 'type Note { id: ID!, text: String } type Query { note(id: ID!): Note } type Mutation { saveNote(id: ID!, text: String!): Boolean }',
  resolvers: { Query, Mutation },
});

const app = express();
app.all('/graphql', createHandler({ schema }));

module.exports = app;
