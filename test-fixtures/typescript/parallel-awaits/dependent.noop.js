// fixture-options: rules=parallel-awaits
// Each call reads the result of the one before it.
async function team(id) {
  const user = await loadUser(id);
  const team = await loadTeam(user.teamId);
  const members = await loadMembers(team);
  return members;
}
async function loadUser(id) {
  return { teamId: id };
}
async function loadTeam(id) {
  return id;
}
async function loadMembers(team) {
  return [team];
}
module.exports = { team };
