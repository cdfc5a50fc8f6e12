using System;
using System.Collections.Generic;

namespace LineProf.Corpus
{
    /// <summary>Branches, loops and jumps: every way of reaching a line that the weaver must retarget.</summary>
    public static class ControlFlow
    {
        [Case(5)]
        [Case(-3)]
        [Case(0)]
        public static string IfElse(int x)
        {
            string kind;
            if (x > 0) // hits: 3
            {
                Ran.Here();
                kind = "positive";
            }
            else if (x < 0) // hits: 2
            {
                Ran.Here();
                kind = "negative";
            }
            else
            {
                Ran.Here();
                kind = "zero";
            }

            Effects.Add(kind);
            return kind.ToUpperInvariant();
        }

        [Case(1)]
        [Case(2)]
        [Case(3)]
        [Case(42)]
        [Case(-5)]
        [Case(9)]
        public static string SwitchStatement(int x)
        {
            switch (x)
            {
                case 1:
                    Ran.Here();
                    return "one";
                case 2:
                case 3:
                    Ran.Here();
                    goto case 1;
                case int n when n > 40:
                    Ran.Here();
                    return "big " + n;
                case < 0:
                    Ran.Here();
                    break;
                default:
                    Ran.Here();
                    return "other";
            }

            Ran.Here();
            return "negative";
        }

        [Case("text!")]
        [Case("ab")]
        [Case(12)]
        [Case(4)]
        [Case(3.5)]
        [Case(new object?[] { null })]
        [Case(new[] { 1, 2, 3 })]
        [Case(new[] { 7 })]
        [Case('c')]
        public static string SwitchOnPatterns(object? value)
        {
            switch (value)
            {
                case string s when s.Length > 3:
                    Ran.Here();
                    return "long string " + s;
                case string s:
                    Ran.Here();
                    return "short string " + s;
                case int i and > 10:
                    Ran.Here();
                    return "int above ten " + i;
                case int i:
                    Ran.Here();
                    return "small int " + i;
                case double d:
                    Ran.Here();
                    return "double " + d.ToString(System.Globalization.CultureInfo.InvariantCulture);
                case int[] { Length: 3 } array:
                    Ran.Here();
                    return "three ints ending " + array[^1];
                case int[] and [var only]:
                    Ran.Here();
                    return "one int " + only;
                case null:
                    Ran.Here();
                    return "null";
                default:
                    Ran.Here();
                    return "something else: " + value.GetType().Name;
            }
        }

        [Case(0, 0)]
        [Case(3, 0)]
        [Case(-1, 5)]
        [Case(2, 2)]
        [Case(-4, -9)]
        public static string SwitchExpression(int x, int y) => (x, y) switch
        {
            (0, 0) => "origin",
            (> 0, 0) => "positive x axis",
            (var a, var b) when a == b => "diagonal " + a,
            (< 0, > 0) => Quadrant(x, y),
            _ => "elsewhere",
        };

        [Case("Ada", 36)]
        [Case("", 5)]
        [Case("Bob", 70)]
        public static string SwitchExpressionOnProperties(string name, int age)
        {
            var person = new Person(name, age);
            var label = person switch
            {
                { Name.Length: 0 } => "anonymous",
                { Age: >= 65 } p => p.Name + " (retired)",
                { Age: var a } when a % 2 == 0 => person.Name + " (even)",
                _ => person.Name,
            };
            Ran.Here();
            return label;
        }

        [Case(4)]
        [Case(0)]
        public static int ForLoop(int n)
        {
            int sum = 0;
            for (int i = 0; i < n; i++) // hits: 12
            {
                Ran.Here();
                if (i == 1) continue;
                sum += i * i;
            }

            return sum;
        }

        [Case(3)]
        public static string NestedForWithBreak(int n)
        {
            var pairs = new List<string>();
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    if (j > i)
                    {
                        Ran.Here();
                        break;
                    }

                    Ran.Here();
                    pairs.Add(i + "," + j);
                }
            }

            return string.Join(" ", pairs);
        }

        [Case(new[] { 3, -1, 4, -1, 5 })]
        [Case(new int[0])]
        public static int ForeachOverArray(int[] values)
        {
            int total = 0;
            foreach (var value in values)
            {
                if (value < 0)
                {
                    Ran.Here();
                    continue;
                }

                Ran.Here();
                total += value;
            }

            return total;
        }

        [Case("a,b,,c")]
        public static string ForeachOverList(string csv)
        {
            var parts = new List<string>(csv.Split(','));
            var result = "";
            foreach (var part in parts)
            {
                Ran.Here();
                result += part.Length == 0 ? "_" : part;
            }

            return result;
        }

        [Case(10)]
        [Case(1)]
        public static int WhileLoop(int n)
        {
            int steps = 0;
            while (n != 1) // hits: 8
            {
                Ran.Here();
                n = n % 2 == 0 ? n / 2 : 3 * n + 1;
                steps++;
            }

            return steps;
        }

        [Case(0)]
        [Case(5)]
        public static int DoWhileLoop(int n)
        {
            int runs = 0;
            do
            {
                Ran.Here();
                runs++;
            }
            while (runs < n);

            return runs;
        }

        [Case(5)]
        public static string GotoLoop(int n)
        {
            var text = "";
            int i = 0;
        again:
            Ran.Here();
            text += i;
            if (++i < n) goto again;
            if (text.Length > 100) goto done;
            Ran.Here();
            text += "!";
        done:
            return text;
        }

        [Case(7)]
        public static int WhileTrueWithBreakAndContinue(int limit)
        {
            int i = 0, odd = 0;
            while (true)
            {
                i++;
                if (i > limit)
                {
                    Ran.Here();
                    break;
                }

                if (i % 2 == 0)
                {
                    Ran.Here();
                    continue;
                }

                Ran.Here();
                odd += i;
            }

            return odd;
        }

        [Case("mon")]
        [Case("wed")]
        [Case("sun")]
        [Case("xyz")]
        public static int StringSwitch(string day)
        {
            switch (day)
            {
                case "mon": return 1;
                case "tue": return 2;
                case "wed":
                    Ran.Here();
                    return 3;
                case "thu": return 4;
                case "fri": return 5;
                case "sat": return 6;
                case "sun":
                    Ran.Here();
                    return 7;
                default:
                    Ran.Here();
                    return -1;
            }
        }

        [Case(DayKind.Weekday)]
        [Case(DayKind.Weekend)]
        [Case(DayKind.Holiday)]
        public static string EnumSwitchWithGotoDefault(DayKind kind)
        {
            switch (kind)
            {
                case DayKind.Weekday:
                    Ran.Here();
                    return "work";
                case DayKind.Holiday:
                    Ran.Here();
                    goto default;
                default:
                    Ran.Here();
                    return "rest";
            }
        }

        [Case(3)]
        [Case(-1)]
        public static string GotoOutOfTry(int x)
        {
            var trail = "";
            try
            {
                trail += "try";
                if (x < 0) goto negative;
                Ran.Here();
                trail += "+";
            }
            finally
            {
                trail += "/finally";
            }

            return trail;
        negative:
            Ran.Here();
            return trail + "/negative";
        }

        private static string Quadrant(int x, int y)
        {
            Ran.Here();
            return "second quadrant " + x + "," + y;
        }

        public enum DayKind
        {
            Weekday,
            Weekend,
            Holiday,
        }

        private sealed class Person
        {
            public Person(string name, int age)
            {
                Name = name;
                Age = age;
            }

            public string Name { get; }
            public int Age { get; }
        }
    }
}
