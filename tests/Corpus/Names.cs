using System;
using System.CodeDom.Compiler;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;

namespace LineProf.Corpus
{
    /// <summary>What reports must name apart: overloads, lambdas in overloads, statements over several lines.</summary>
    public static partial class Names
    {
        [Case(3)]
        public static long Overloads(int n) => Outer(n) + Outer(n, 2) + Outer("x") + Outer(new[] { n }) + Sum(new[] { n }.Select(x => (long)x));

        public static long Outer(int n) => Outer(n, 1);

        public static long Outer(int n, int step)
        {
            Func<int, long> scale = x => (long)x * step;
            return scale(n);
        }

        public static long Outer(string text)
        {
            Func<string, long> length = s => s.Length;
            return length(text);
        }

        public static long Outer(int[] values) => values.Sum(v => (long)v);

        [Case(4)]
        public static async Task<long> AsyncOverloads(int n) => await Later(n) + await Later(n, 3);

        public static async Task<long> Later(int n)
        {
            await Task.Yield();
            return await Later(n, 1);
        }

        public static async Task<long> Later(int n, int factor)
        {
            await Task.Yield();
            Func<int, long> times = x => (long)x * factor;
            return times(n);
        }

        [Case(3)]
        public static async Task<int> AsyncLambdas(int n)
        {
            Func<int, Task<int>> increment = async x => { await Task.Yield(); return x + 1; };
            Func<int, Task<int>> twice = async x =>
            {
                await Task.Yield();
                return x * 2; // the body of the second async lambda
            };
            return await increment(n) + await twice(n);
        }

        [Case(6)]
        public static int TwoLambdasOnALine(int n)
        {
            Func<int, int> add = x => x + 1; Func<int, int> twice = x => x * 2;
            return add(twice(n));
        }

        [Case(5)]
        public static int StatementOverLines(int n)
        {
            var total = Enumerable.Range(0, n)
                .Where(i => i % 2 == 0)
                .Sum();
            return total;
        }

        [Case("aab")]
        public static bool GeneratedRegex(string text) => Pattern().IsMatch(text) && MarkedGenerated.Twice(2) == 4;

        [GeneratedRegex("a+b")]
        private static partial Regex Pattern();

        private static long Sum(System.Collections.Generic.IEnumerable<long> values) => values.Sum();
    }

    /// <summary>Conversions that differ only in what they return.</summary>
    public readonly struct Meters
    {
        private readonly double _value;

        public Meters(double value)
        {
            _value = value;
        }

        [Case(2.5)]
        public static string Convert(double value)
        {
            var meters = new Meters(value);
            return (int)meters + "/" + (double)meters;
        }

        public static explicit operator int(Meters meters)
        {
            return (int)meters._value;
        }

        public static explicit operator double(Meters meters)
        {
            return meters._value;
        }
    }

    /// <summary>A type a tool generated, as its attribute says.</summary>
    [GeneratedCode("LineProf.Corpus.Tool", "1.0")]
    public static class MarkedGenerated
    {
        public static int Twice(int n)
        {
            Func<int, int> twice = x => x * 2;
            return twice(n);
        }
    }
}
