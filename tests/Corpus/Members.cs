using System;
using System.Collections.Generic;

namespace LineProf.Corpus
{
    /// <summary>Constructors, accessors, operators, events, records and tuples: members with unusual IL around their lines.</summary>
    public static class Members
    {
        [Case(3)]
        public static string StructMethods(int x)
        {
            var point = new Point(x, x + 1);
            point.Scale(2);
            var moved = point.Offset(1);
            return point + " " + moved + " " + moved.Length2;
        }

        [Case(7)]
        public static string ConstructorChains(int x)
        {
            var derived = new Derived(x);
            var viaThis = new Derived();
            return derived.Trail + " | " + viaThis.Trail;
        }

        [Case(0)]
        public static string StaticConstructor(int unused) => WithStaticConstructor.Greeting + WithStaticConstructor.Count;

        [Case(5)]
        public static string Properties(int x)
        {
            var item = new Item { Price = x };
            item.Price += 2;
            item.Name ??= "default";
            item.Name ??= "never";
            var init = new InitOnly { Code = "c" + x };
            return item.Price + " " + item.Name + " " + item.Summary + " " + init.Code;
        }

        [Case(3)]
        public static string Indexers(int n)
        {
            var grid = new Grid(n);
            for (int i = 0; i < n; i++) grid[i, i] = i + 1;
            grid["center"] = 9;
            return grid[1, 1] + " " + grid["center"] + " " + grid[0, 1];
        }

        [Case(2)]
        public static string Events(int times)
        {
            var publisher = new Publisher();
            var received = new List<string>();
            EventHandler<string> handler = (_, message) => received.Add(message);
            publisher.Published += handler;
            publisher.Published += (_, message) =>
            {
                Ran.Here();
                received.Add(message.ToUpperInvariant());
            };
            for (int i = 0; i < times; i++) publisher.Publish("m" + i);
            publisher.Published -= handler;
            publisher.Publish("last");
            return string.Join(",", received) + " subscribers=" + publisher.Subscribers;
        }

        [Case(3, 4)]
        public static string Operators(int a, int b)
        {
            var x = new Money(a);
            var y = new Money(b);
            var sum = x + y;
            var negated = -sum;
            decimal converted = sum;
            Money back = (Money)12.5m;
            return sum + " " + negated + " " + (x < y) + " " + (x == new Money(a)) + " " + converted + " " + back + " " + (sum != x);
        }

        [Case("Ada", 36)]
        public static string RecordsWithWith(string name, int age)
        {
            var person = new PersonRecord(name, age);
            var older = person with { Age = age + 1 };
            var renamed = older with { Name = name.ToUpperInvariant() };
            var (n, a) = renamed;
            var point = new PointRecord(1, 2) { Label = "p" };
            var moved = point with { X = 5 };
            return person + " " + older + " " + (person == older) + " " + n + a + " " + moved + " " + moved.Label;
        }

        [Case(3, 8)]
        public static string TuplesAndDeconstruction(int a, int b)
        {
            var (min, max) = MinMax(a, b);
            (int q, int r) = (max / min, max % min);
            var named = (Sum: a + b, Product: a * b);
            (a, b) = (b, a);
            var point = new Point(a, b);
            var (px, py) = point;
            return $"{min} {max} {q} {r} {named.Sum} {named.Product} {a} {b} {px} {py} {named}";
        }

        [Case(4)]
        public static string ExpressionBodied(int x)
        {
            var shape = new Square(x);
            return shape.Area + " " + shape.Describe() + " " + shape.Scaled(2).Area + " " + shape;
        }

        [Case(2)]
        public static string PrimaryConstructors(int x)
        {
            var account = new Account("acc", x);
            account.Deposit(5);
            var child = new SavingsAccount(x * 10);
            return account.Describe() + " " + child.Describe();
        }

        [Case(1)]
        public static string FieldInitializersInEveryConstructor(int x)
        {
            var a = new Counted();
            var b = new Counted(x);
            var c = new Counted("three");
            return a.Value + b.Value + c.Value;
        }

        [Case(3)]
        public static string InterfaceMembers(int x)
        {
            IGreeter greeter = new PlainGreeter();
            return greeter.Greet("a") + greeter.GreetTwice("b") + Doubler.Double(x) + Sum<Doubler>(x);
        }

        [Case(4)]
        public static int RefStructWithDispose(int x)
        {
            using var scope = new RefScope(x);
            Ran.Here();
            return scope.Value * 2;
        }

        [Case(0)]
        public static string StructConstructorChain(int x)
        {
            var v = new Vector(x);
            var d = new Vector();
            return v + " " + d;
        }

        [Case(0)]
        public static string StaticConstructorThatThrows(int x) => Broken.Value + x;

        [Case(1)]
        public static int Finalizer(int x)
        {
            // The finalizer is only compiled (every method is), not run: when it runs is the GC's business.
            return new WithFinalizer().Id + x;
        }

        private static (int Min, int Max) MinMax(int a, int b) => a < b ? (a, b) : (b, a);

        private class Account(string name, int balance)
        {
            private readonly string _label = name.ToUpperInvariant();

            public void Deposit(int amount)
            {
                Ran.Here();
                balance += amount;
            }

            public virtual string Describe() => _label + ":" + balance;
        }

        private sealed class SavingsAccount(int balance) : Account("savings", balance + 1)
        {
            public override string Describe() => "savings " + base.Describe();
        }

        private sealed class Counted
        {
            private readonly string _prefix = Prefix(); // hits: 3

            public Counted() => Value = _prefix + "0";

            public Counted(int x) => Value = _prefix + x;

            public Counted(string s) => Value = _prefix + s;

            public string Value { get; }

            private static string Prefix() => "#";
        }

        private interface IGreeter
        {
            string Greet(string name);

            string GreetTwice(string name)
            {
                Ran.Here();
                return Greet(name) + Greet(name);
            }
        }

        private sealed class PlainGreeter : IGreeter
        {
            public string Greet(string name) => "hi " + name + ";";
        }

        private interface IDoubler<TSelf>
            where TSelf : IDoubler<TSelf>
        {
            static abstract int Double(int x);
        }

        private sealed class Doubler : IDoubler<Doubler>
        {
            public static int Double(int x)
            {
                Ran.Here();
                return x * 2;
            }
        }

        private static int Sum<T>(int x)
            where T : IDoubler<T> => T.Double(x) + T.Double(1);

        private ref struct RefScope
        {
            public RefScope(int value) => Value = value;

            public int Value { get; }

            public void Dispose()
            {
                Ran.Here();
                Effects.Add("ref struct disposed " + Value);
            }
        }

        private readonly struct Vector
        {
            private readonly int _x;
            private readonly int _y;

            public Vector(int x, int y)
            {
                _x = x;
                _y = y;
            }

            public Vector(int both)
                : this(both, both + 1)
            {
                Ran.Here();
            }

            public Vector()
                : this(7)
            {
            }

            public override string ToString() => _x + ":" + _y;
        }

        private static class Broken
        {
            public static readonly string Value = Fail();

            private static string Fail() => throw new InvalidOperationException("static constructor failed");
        }

        private sealed class WithFinalizer
        {
            private int _finalized;

            public int Id => 41;

            ~WithFinalizer()
            {
                // Nothing a case can see: the GC runs it during whichever case comes later, whose recorded effects
                // it would change (the equivalence tests failed on random cases when it added an effect).
                _finalized++;
            }
        }

        private struct Point
        {
            public int X;
            public int Y;

            public Point(int x, int y)
            {
                X = x;
                Y = y;
            }

            public readonly int Length2 => X * X + Y * Y;

            public void Scale(int factor)
            {
                Ran.Here();
                X *= factor;
                Y *= factor;
            }

            public readonly Point Offset(int by) => new Point(X + by, Y + by);

            public readonly void Deconstruct(out int x, out int y)
            {
                x = X;
                y = Y;
            }

            public override readonly string ToString() => "(" + X + "," + Y + ")";
        }

        private class Base
        {
            protected string _trail = "field";

            protected Base(string from)
            {
                Ran.Here();
                _trail += ">base(" + from + ")";
            }

            public string Trail => _trail;
        }

        private sealed class Derived : Base
        {
            private readonly int _initialized = Compute("initializer");
            private readonly List<int> _list = new List<int> { 1, 2 };

            public Derived(int x)
                : base("derived " + x)
            {
                Ran.Here();
                _trail += ">derived(" + x + "," + _initialized + "," + _list.Count + ")";
            }

            public Derived()
                : this(-1)
            {
                Ran.Here();
                _trail += ">this()";
            }

            private static int Compute(string what)
            {
                Effects.Add("computing " + what);
                return what.Length;
            }
        }

        private static class WithStaticConstructor
        {
            public static readonly string Greeting;
            public static int Count = Initial();

            static WithStaticConstructor()
            {
                Ran.Here();
                Greeting = "hello ";
                Count++;
            }

            private static int Initial()
            {
                Effects.Add("static field initializer");
                return 40;
            }
        }

        private sealed class Item
        {
            private int _price;

            public int Price
            {
                get
                {
                    Ran.Here();
                    return _price;
                }
                set
                {
                    if (value < 0) throw new ArgumentOutOfRangeException(nameof(value));
                    Ran.Here();
                    _price = value;
                }
            }

            public string? Name { get; set; }

            public string Summary => Name + "@" + _price;
        }

        /// <summary>An init accessor with a body: its return type carries a modreq(IsExternalInit).</summary>
        private sealed class InitOnly
        {
            private string _code = "";

            public string Code
            {
                get => _code;
                init
                {
                    Ran.Here();
                    _code = value + "!";
                }
            }
        }

        private sealed class Grid
        {
            private readonly int[,] _cells;
            private readonly Dictionary<string, int> _named = new Dictionary<string, int>();

            public Grid(int n) => _cells = new int[n, n];

            public int this[int row, int column]
            {
                get => _cells[row, column];
                set
                {
                    Ran.Here();
                    _cells[row, column] = value;
                }
            }

            public int this[string name]
            {
                get { return _named.TryGetValue(name, out var v) ? v : -1; }
                set { _named[name] = value; }
            }
        }

        private sealed class Publisher
        {
            private EventHandler<string>? _published;

            public int Subscribers { get; private set; }

            public event EventHandler<string> Published
            {
                add
                {
                    Ran.Here();
                    _published += value;
                    Subscribers++;
                }
                remove
                {
                    _published -= value;
                    Subscribers--;
                }
            }

            public void Publish(string message) => _published?.Invoke(this, message);
        }

        private readonly struct Money : IEquatable<Money>
        {
            private readonly decimal _amount;

            public Money(decimal amount) => _amount = amount;

            public static Money operator +(Money a, Money b)
            {
                Ran.Here();
                return new Money(a._amount + b._amount);
            }

            public static Money operator -(Money a) => new Money(-a._amount);
            public static bool operator <(Money a, Money b) => a._amount < b._amount;
            public static bool operator >(Money a, Money b) => a._amount > b._amount;
            public static bool operator ==(Money a, Money b) => a.Equals(b);
            public static bool operator !=(Money a, Money b) => !a.Equals(b);
            public static implicit operator decimal(Money m) => m._amount;
            public static explicit operator Money(decimal d) => new Money(d);

            public bool Equals(Money other) => _amount == other._amount;
            public override bool Equals(object? obj) => obj is Money other && Equals(other);
            public override int GetHashCode() => _amount.GetHashCode();
            public override string ToString() => _amount.ToString(System.Globalization.CultureInfo.InvariantCulture) + "$";
        }

        private sealed record PersonRecord(string Name, int Age)
        {
            public string Greeting
            {
                get
                {
                    Ran.Here();
                    return "Hi " + Name;
                }
            }
        }

        private record PointRecord(int X, int Y)
        {
            public string Label { get; init; } = "none";
        }

        private abstract class Shape
        {
            public abstract int Area { get; }

            public virtual string Describe() => GetType().Name + " of " + Area;

            public override string ToString() => "shape:" + Describe();
        }

        private sealed class Square : Shape
        {
            private readonly int _side;

            public Square(int side) => _side = side;

            public override int Area => _side * _side;

            public override string Describe() => "square " + base.Describe();

            public Square Scaled(int by) => new(_side * by);
        }
    }
}
