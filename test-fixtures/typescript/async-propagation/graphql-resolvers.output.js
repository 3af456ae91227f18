// fixture-options: express=5
const express = require('express');
const { makeExecutableSchema } = require('@graphql-tools/schema');
const { createHandler } = require('graphql-http/lib/use/express');
const { readFile, writeFile } = require('fs/promises');

async function readNote(id) {
  return await readFile(`notes/${id}.txt`, 'utf8');
}

// graphql-js runs each resolver per request and awaits what it returns.
const Query = {
  note: async (_, { id }) => ({ id, text: await readNote(id) }),
};
const Mutation = {
  async saveNote(_, { id, text }) {
    await writeFile(`notes/${id}.txt`, text);
    return true;
  },
};

const schema = makeExecutableSchema({
  typeDefs: 'type Note { id: ID!, text: String } type Query { note(id: ID!): Note } type Mutation { saveNote(id: ID!, text: String!): Boolean }',
  resolvers: { Query, Mutation },
});

const app = express();
app.all('/graphql', createHandler({ schema }));

module.exports = app;
