using System;
using System.Runtime.CompilerServices;

namespace LineProf.Corpus
{
    /// <summary>References, spans, stack memory, pointers and overflow checks: IL the verifier is strict about.</summary>
    public static unsafe class LowLevel
    {
        private static int[] s_numbers = { 1, 2, 3, 4 };

        [Case(5)]
        public static string RefOutIn(int x)
        {
            int a = x;
            Increment(ref a);
            Split(a, out var tens, out int ones);
            var sum = AddIn(in a, in tens);
            return a + " " + tens + " " + ones + " " + sum;
        }

        [Case(2)]
        public static string RefReturnsAndLocals(int index)
        {
            ref int slot = ref Slot(index);
            slot += 100;
            ref readonly int view = ref ReadOnlySlot(index);
            Ran.Here();
            ref int largest = ref Largest(s_numbers);
            largest = -largest;
            var text = string.Join(",", s_numbers) + " " + view;
            s_numbers = new[] { 1, 2, 3, 4 };
            return text;
        }

        [Case(6)]
        public static string SpanAndStackalloc(int n)
        {
            Span<int> buffer = stackalloc int[n];
            for (int i = 0; i < buffer.Length; i++) buffer[i] = i * i;
            ReadOnlySpan<int> tail = buffer.Slice(n / 2);
            int sum = 0;
            foreach (var value in tail)
            {
                Ran.Here();
                sum += value;
            }

            Span<char> chars = n > 3 ? stackalloc char[] { 'a', 'b', 'c' } : new char[] { 'x' };
            return sum + " " + chars.ToString();
        }

        [Case(4)]
        public static string UnsafePointers(int n)
        {
            int* values = stackalloc int[n];
            for (int i = 0; i < n; i++) *(values + i) = i + 1;
            int product = 1;
            int* end = values + n;
            for (int* p = values; p < end; p++)
            {
                Ran.Here();
                product *= *p;
            }

            var array = new[] { 10, 20, 30 };
            fixed (int* first = array)
            {
                first[1] = product;
            }

            var text = "pin";
            fixed (char* c = text)
            {
                product += c[0];
            }

            return product + " " + string.Join(",", array) + " " + sizeof(long);
        }

        [Case(int.MaxValue)]
        [Case(5)]
        public static string CheckedArithmetic(int x)
        {
            int wrapped = unchecked(x + 1);
            try
            {
                int overflow = checked(x + 1);
                Ran.Here();
                return wrapped + " " + overflow;
            }
            catch (OverflowException e)
            {
                Ran.Here();
                return wrapped + " overflow " + e.GetType().Name + " at " + Where.Thrown(e);
            }
        }

        [Case(3)]
        public static string SkipLocalsInit(int n) => Uninitialized(n);

        [SkipLocalsInit]
        private static string Uninitialized(int n)
        {
            Span<byte> bytes = stackalloc byte[n];
            bytes.Fill(7);
            int total = 0;
            foreach (var b in bytes) total += b;
            Ran.Here();
            return total.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        [Case(7)]
        public static int FunctionPointers(int x)
        {
            delegate*<int, int> square = &Square;
            delegate* managed<int, int, int> add = &Add;
            Ran.Here();
            return add(square(x), 1);
        }

        [Case(-12)]
        public static int PlatformInvoke(int x) => abs(x) + 1;

        [Case(5)]
        public static int Synchronized(int x) => new Counter().Add(x);

        private static int Square(int x)
        {
            Ran.Here();
            return x * x;
        }

        private static int Add(int a, int b) => a + b;

        [System.Runtime.InteropServices.DllImport("libc")]
        private static extern int abs(int value);

        private static void Increment(ref int value)
        {
            Ran.Here();
            value++;
        }

        private static void Split(int value, out int tens, out int ones)
        {
            tens = value / 10;
            ones = value % 10;
        }

        private static int AddIn(in int a, in int b) => a + b;

        private static ref int Slot(int index)
        {
            Ran.Here();
            return ref s_numbers[index];
        }

        private sealed class Counter
        {
            private int _total;

            [MethodImpl(MethodImplOptions.Synchronized)]
            public int Add(int x)
            {
                Ran.Here();
                _total += x;
                return _total;
            }
        }

        private static ref readonly int ReadOnlySlot(int index) => ref s_numbers[index];

        private static ref int Largest(int[] values)
        {
            int best = 0;
            for (int i = 1; i < values.Length; i++)
            {
                if (values[i] > values[best]) best = i;
            }

            return ref values[best];
        }
    }
}
