using System;
using System.Collections.Generic;
using System.Linq;

namespace LineProf.Corpus
{
    /// <summary>yield return and yield break: MoveNext is the method the weaver sees, and it returns at every item.</summary>
    public static class Iterators
    {
        [Case(5)]
        [Case(0)]
        public static string YieldReturn(int n) => string.Join(",", Squares(n));

        [Case(10)]
        public static string YieldBreak(int stopAt) => string.Join(",", UntilAbove(new[] { 1, 5, 9, 12, 3 }, stopAt));

        [Case(2)]
        [Case(9)]
        public static string TryFinallyInIterator(int take)
        {
            var taken = Guarded(5).Take(take).ToList();
            return string.Join(",", taken);
        }

        [Case(3)]
        public static string IteratorThatThrows(int failAt)
        {
            var seen = new List<int>();
            try
            {
                foreach (var value in Failing(failAt))
                {
                    Ran.Here();
                    seen.Add(value);
                }
            }
            catch (InvalidOperationException e)
            {
                return string.Join(",", seen) + " then " + e.Message + " at " + Where.Thrown(e);
            }

            return "no failure";
        }

        [Case("b")]
        public static string GenericIterator(string skip)
        {
            var pairs = Pairs(new[] { "a", "b", "c" }, s => s != skip);
            return string.Join(" ", pairs.Select(p => p.Index + "=" + p.Item));
        }

        [Case(3)]
        public static string EnumeratedTwice(int n)
        {
            var sequence = Squares(n);
            return sequence.Sum() + "/" + sequence.Count();
        }

        [Case(4)]
        public static string IteratorAsIEnumerator(int n)
        {
            var enumerator = Countdown(n);
            var values = new List<int>();
            while (enumerator.MoveNext()) values.Add(enumerator.Current);
            return string.Join(",", values);
        }

        private static IEnumerable<int> Squares(int n)
        {
            for (int i = 1; i <= n; i++)
            {
                Ran.Here();
                yield return i * i;
            }

            Ran.Here();
        }

        private static IEnumerable<int> UntilAbove(int[] values, int limit)
        {
            foreach (var value in values)
            {
                if (value > limit)
                {
                    Ran.Here();
                    yield break;
                }

                yield return value;
            }
        }

        private static IEnumerable<int> Guarded(int n)
        {
            try
            {
                for (int i = 0; i < n; i++)
                {
                    try
                    {
                        Ran.Here();
                        yield return i;
                    }
                    finally
                    {
                        Ran.Here();
                        Effects.Add("inner finally " + i);
                    }
                }
            }
            finally
            {
                Ran.Here();
                Effects.Add("outer finally");
            }
        }

        private static IEnumerable<int> Failing(int failAt)
        {
            for (int i = 0; ; i++)
            {
                if (i == failAt) throw new InvalidOperationException("failed at " + i);
                yield return i;
            }
        }

        private static IEnumerable<(int Index, T Item)> Pairs<T>(IEnumerable<T> items, Func<T, bool> keep)
        {
            int index = 0;
            foreach (var item in items)
            {
                if (!keep(item)) continue;
                Ran.Here();
                yield return (index++, item);
            }
        }

        private static IEnumerator<int> Countdown(int n)
        {
            while (n > 0)
            {
                Ran.Here();
                yield return n--;
            }
        }
    }
}
