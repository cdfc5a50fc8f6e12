using System;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Runtime.CompilerServices;

namespace LineProf.Corpus
{
    /// <summary>Protected regions: the weaver must move handler boundaries with the probes it puts in front of them.</summary>
    public static class Exceptions
    {
        private static readonly object s_gate = new object();

        [Case(4)]
        [Case(0)]
        public static string TryCatchFinally(int divisor)
        {
            var log = "";
            try
            {
                Ran.Here();
                log += 100 / divisor;
            }
            catch (DivideByZeroException e)
            {
                Ran.Here();
                log += "caught " + e.GetType().Name + " at " + Where.Thrown(e);
            }
            finally
            {
                Ran.Here();
                log += " finally";
            }

            return log;
        }

        [Case(1)]
        [Case(2)]
        [Case(3)]
        public static string Filters(int code)
        {
            try
            {
                Ran.Here();
                throw new CodedException(code);
            }
            catch (CodedException e) when (e.Code == 1)
            {
                Ran.Here();
                return "one";
            }
            catch (CodedException e) when (Log("filter sees " + e.Code) && e.Code == 2)
            {
                Ran.Here();
                return "two";
            }
            catch (Exception e) when (e is CodedException { Code: > 2 } coded)
            {
                Ran.Here();
                return "more: " + coded.Code;
            }
        }

        [Case(0)]
        [Case(1)]
        [Case(2)]
        public static string NestedTry(int failAt)
        {
            var trail = "";
            try
            {
                trail += "a";
                try
                {
                    Ran.Here();
                    if (failAt == 1) throw new InvalidOperationException("inner");
                    trail += "b";
                }
                catch (InvalidOperationException e) when (e.Message == "inner")
                {
                    Ran.Here();
                    trail += "B";
                    if (failAt == 1) throw new ArgumentException("from inner catch");
                }
                finally
                {
                    Ran.Here();
                    trail += "f";
                }

                if (failAt == 2) throw new FormatException("outer");
                trail += "c";
            }
            catch (Exception e) when (e is ArgumentException || e is FormatException)
            {
                Ran.Here();
                trail += "[" + e.Message + " at " + Where.Thrown(e) + "]";
            }
            finally
            {
                trail += "F";
            }

            return trail;
        }

        [Case(true)]
        [Case(false)]
        public static string Rethrow(bool wrap)
        {
            try
            {
                try
                {
                    Ran.Here();
                    Thrower("deep");
                    return "not thrown";
                }
                catch (InvalidOperationException) when (!wrap)
                {
                    Ran.Here();
                    Effects.Add("rethrowing");
                    throw;
                }
                catch (InvalidOperationException e)
                {
                    Ran.Here();
                    throw new ApplicationException("wrapped", e);
                }
            }
            catch (Exception e)
            {
                return e.GetType().Name + ":" + e.Message + " at " + Where.Thrown(e) + ":" + (e.InnerException == null ? "-" : Where.Thrown(e.InnerException));
            }
        }

        /// <summary>Throws to the caller: the tests compare its stack trace with the original's.</summary>
        [Case(3)]
        [Case(-1)]
        public static int EscapingException(int depth)
        {
            if (depth < 0) throw new ArgumentOutOfRangeException(nameof(depth), depth, "negative depth");
            Ran.Here();
            return Recurse(depth);
        }

        [Case(false)]
        [Case(true)]
        public static string Using(bool fail)
        {
            var resource = new Resource("plain");
            try
            {
                using (resource)
                {
                    Ran.Here();
                    if (fail) throw new IOException("disk");
                    resource.Use();
                }
            }
            catch (IOException)
            {
                Ran.Here();
            }

            using var second = new Resource("declaration");
            second.Use();
            using (var value = new ValueResource(5))
            {
                Ran.Here();
                Effects.Add(value.Twice());
            }

            return resource.Disposed + "/" + second.Disposed;
        }

        [Case(3)]
        public static int Lock(int times)
        {
            int count = 0;
            for (int i = 0; i < times; i++)
            {
                lock (s_gate)
                {
                    Ran.Here();
                    count += i;
                }
            }

            return count;
        }

        [Case(-2)]
        [Case(2)]
        public static int AfterDoesNotReturn(int x)
        {
            if (x < 0)
            {
                Fail("negative: " + x);
                Ran.Here();
                return -1;
            }

            Ran.Here();
            return x * 2;
        }

        /// <summary>[DoesNotReturn] is a promise to the compiler's flow analysis only: this one breaks it.</summary>
        [Case(1)]
        public static int AfterALyingDoesNotReturn(int x)
        {
            NotQuiteFail(x);
            Ran.Here();
            return x + 1;
        }

        [Case(5)]
        public static string ThrowExpressionAndCatchWhen(int x)
        {
            string? maybe = x > 3 ? null : "small";
            try
            {
                return maybe ?? throw new InvalidOperationException("was null for " + x);
            }
            catch (InvalidOperationException e) when (e.Message.EndsWith("5", StringComparison.Ordinal))
            {
                Ran.Here();
                return "caught " + e.Message + " at " + Where.Thrown(e);
            }
        }

        [Case(2)]
        public static string FinallyWithReturnInTry(int x)
        {
            try
            {
                if (x > 1)
                {
                    Ran.Here();
                    return "early";
                }

                return "late";
            }
            finally
            {
                Ran.Here();
                Effects.Add("finally ran for " + x);
            }
        }

        [DoesNotReturn]
        private static void Fail(string message) => throw new InvalidOperationException(message);

        [DoesNotReturn]
        private static void NotQuiteFail(int x)
        {
            Effects.Add("did return " + x);
        }

        private static void Thrower(string message)
        {
            Ran.Here();
            throw new InvalidOperationException(message);
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static int Recurse(int depth)
        {
            if (depth == 0) throw new InvalidOperationException("bottom reached");
            return Recurse(depth - 1) + 1;
        }

        private static bool Log(string message)
        {
            Effects.Add(message);
            return true;
        }

        private sealed class CodedException : Exception
        {
            public CodedException(int code) : base("code " + code) => Code = code;

            public int Code { get; }
        }

        private sealed class Resource : IDisposable
        {
            private readonly string _name;

            public Resource(string name) => _name = name;

            public bool Disposed { get; private set; }

            public void Use() => Effects.Add("using " + _name);

            public void Dispose()
            {
                Disposed = true;
                Effects.Add("disposed " + _name);
            }
        }

        private struct ValueResource : IDisposable
        {
            private readonly int _value;

            public ValueResource(int value) => _value = value;

            public int Twice() => _value * 2;

            public void Dispose() => Effects.Add("disposed value " + _value);
        }
    }
}
