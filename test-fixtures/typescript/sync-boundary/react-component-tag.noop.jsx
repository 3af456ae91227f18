// fixture-options: entry=all
// `Banner` returns no JSX itself, but `<Banner />` makes it a component.
const fs = require('fs');

function Banner() {
  return fs.readFileSync('banner.txt', 'utf8');
}

module.exports = function Page() {
  return (
    <main>
      <Banner />
    </main>
  );
};
