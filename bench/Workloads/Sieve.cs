using System;
using System.Linq;

namespace LineProf.Bench.Workloads;

/// <summary>
/// The tight-loop reference workload: counts primes with the sieve of Eratosthenes. A line-for-line port of
/// <c>count_primes</c> in bench/reference/workloads.py.
/// </summary>
public static class Sieve
{
    public static int CountPrimes(int limit)
    {
        var isPrime = Enumerable.Repeat(true, limit).ToArray();
        isPrime[0] = isPrime[1] = false;
        for (int i = 2; i <= (int)Math.Sqrt(limit); i++)
        {
            if (isPrime[i])
            {
                for (int j = i * i; j < limit; j += i)
                    isPrime[j] = false;
            }
        }
        return isPrime.AsSpan().Count(true);
    }
}
