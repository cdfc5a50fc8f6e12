using System;
using System.Collections.Generic;
using System.Linq;

namespace LineProf.Corpus
{
    /// <summary>Code the compiler moves into other methods: lambdas, closures, local functions, generics, LINQ, dynamic.</summary>
    public static class Functions
    {
        private static readonly Func<int, int> s_cached = x => x + 1000;

        [Case(3)]
        public static string LambdasWithClosures(int seed)
        {
            int counter = seed;
            Func<int, int> add = x =>
            {
                Ran.Here();
                counter += x;
                return counter;
            };
            Action reset = () => counter = 0;
            var results = new List<int> { add(1), add(2) };
            reset();
            results.Add(add(5));
            results.Add(s_cached(seed));
            return string.Join(",", results) + " counter=" + counter;
        }

        [Case(4)]
        public static string NestedClosures(int n)
        {
            var outer = new List<Func<int>>();
            for (int i = 0; i < n; i++)
            {
                int captured = i;
                outer.Add(() =>
                {
                    Func<int> inner = () => captured * n;
                    Ran.Here();
                    return inner() + captured;
                });
            }

            return string.Join(",", outer.Select(f => f()));
        }

        [Case(5)]
        public static int LocalFunctions(int n)
        {
            int calls = 0;
            return Factorial(n) + Capturing(n) + calls;

            static int Factorial(int k)
            {
                Ran.Here();
                return k <= 1 ? 1 : k * Factorial(k - 1);
            }

            int Capturing(int k)
            {
                calls++;
                Ran.Here();
                return k + calls;
            }
        }

        [Case(3)]
        public static string GenericMethods(int n)
        {
            var ints = Repeat(n, 2);
            var strings = Repeat(n, "s");
            var max = Max(new[] { 3, 9, 2 });
            var maxText = Max(new[] { "pear", "apple", "zucchini" });
            return string.Join("", ints) + "/" + string.Join("", strings) + "/" + max + "/" + maxText + "/" + Describe<long>(5) + Describe<string>(null);
        }

        [Case(2)]
        public static string GenericTypes(int n)
        {
            var box = new Box<int>(n);
            var text = new Box<string>("t");
            var mapped = box.Map(v => v * 3).Map(v => "[" + v + "]");
            var pair = new Pair<int, string>(n, "p").Swap();
            return mapped.Value + text.Value + Box<double>.Created + pair.First + pair.Second;
        }

        [Case(10)]
        public static string LinqQuerySyntax(int n)
        {
            var numbers = Enumerable.Range(1, n);
            var query =
                from a in numbers
                where a % 2 == 0
                let square = a * a
                join b in numbers on a equals b - 1
                orderby square descending
                group b by square > 20 into g
                select g.Key + ":" + string.Join("|", g);
            var chained = numbers.Where(x => x > n / 2).Select(x => x * 10).Aggregate(0, (sum, x) => sum + x);
            return string.Join(";", query) + " " + chained;
        }

        [Case(3)]
        [Case("text")]
        public static string Dynamic(object input)
        {
            dynamic value = input;
            dynamic doubled = value + value;
            Ran.Here();
            string description = Describe((object)doubled);
            return description + " " + doubled.ToString();
        }

        [Case(3)]
        public static string StaticLambdasAndGenericLocalFunctions(int n)
        {
            Func<int, int> square = static x => x * x;
            var first = Wrap(n, "a");
            var second = Wrap(square(n), 2.5);
            return first + second;

            static string Wrap<T1, T2>(T1 one, T2 two)
            {
                Ran.Here();
                Func<string> describe = () => one + "&" + two;
                return "[" + describe() + "]";
            }
        }

        [Case(2)]
        public static string ClosuresInFieldInitializers(int n)
        {
            var holder = new Holder(n);
            return holder.Compute() + "/" + Holder.Shared(n);
        }

        [Case(4)]
        public static string ExpressionTrees(int n)
        {
            System.Linq.Expressions.Expression<Func<int, int>> tree = x => x * n + 1;
            var compiled = tree.Compile();
            Ran.Here();
            return tree.Body.NodeType + " " + compiled(3);
        }

        private static List<T> Repeat<T>(int n, T value)
        {
            var list = new List<T>();
            for (int i = 0; i < n; i++)
            {
                Ran.Here();
                list.Add(value);
            }

            return list;
        }

        private static T Max<T>(IEnumerable<T> values) where T : IComparable<T>
        {
            T best = default!;
            bool first = true;
            foreach (var value in values)
            {
                if (first || value.CompareTo(best) > 0)
                {
                    Ran.Here();
                    best = value;
                    first = false;
                }
            }

            return best;
        }

        private static string Describe<T>(T? value) => typeof(T).Name + "=" + (value?.ToString() ?? "none");

        private sealed class Holder
        {
            public static readonly Func<int, string> Shared = x =>
            {
                Ran.Here();
                return "shared " + x;
            };

            private readonly Func<string> _compute;

            public Holder(int n)
            {
                _compute = () =>
                {
                    Ran.Here();
                    return "computed " + n;
                };
            }

            public string Compute() => _compute();
        }

        private sealed class Box<T>
        {
            public static readonly string Created = "box of " + typeof(T).Name;

            public Box(T value) => Value = value;

            public T Value { get; }

            public Box<TResult> Map<TResult>(Func<T, TResult> map)
            {
                Ran.Here();
                return new Box<TResult>(map(Value));
            }
        }

        private readonly struct Pair<TFirst, TSecond>
        {
            public Pair(TFirst first, TSecond second)
            {
                First = first;
                Second = second;
            }

            public TFirst First { get; }
            public TSecond Second { get; }

            public Pair<TSecond, TFirst> Swap()
            {
                Ran.Here();
                return new Pair<TSecond, TFirst>(Second, First);
            }
        }
    }
}
