function fetchProfile(id) {
  try {
    return fetch(`https://api.example.com/users/${id}`).then((r) => r.json());
  } catch (err) {
    return { id, error: err.message };
  }
}

module.exports = { fetchProfile };
