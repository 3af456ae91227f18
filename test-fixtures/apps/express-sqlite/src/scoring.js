// CPU-heavy scoring: the number of primes below a limit, by trial division.
function primesBelow(limit) {
  let count = 0;
  for (let n = 2; n < limit; n++) {
    let prime = true;
    for (let d = 2; d * d <= n; d++) {
      if (n % d === 0) {
        prime = false;
        break;
      }
    }
    if (prime) count++;
  }
  return count;
}

module.exports = { primesBelow };
