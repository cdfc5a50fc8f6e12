using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace LineProf.Corpus
{
    /// <summary>
    /// async and await in every form: the frame lives in the state machine (a class in Debug, a struct in Release),
    /// and the method completes at SetResult/SetException, not at each return from MoveNext.
    /// </summary>
    public static class Async
    {
        [Case(3)]
        public static async Task AwaitTask(int n)
        {
            for (int i = 0; i < n; i++)
            {
                Ran.Here();
                await Task.Yield();
                Effects.Add("after yield " + i);
            }
        }

        [Case(21)]
        public static async Task<int> AwaitTaskOfT(int x)
        {
            var doubled = await Task.Run(() => x * 2);
            Ran.Here();
            var completed = await Task.FromResult(doubled + 1);
            return completed;
        }

        [Case(4)]
        public static async ValueTask<string> AwaitValueTask(int x)
        {
            var synchronous = await new ValueTask<int>(x);
            Ran.Here();
            await Task.Delay(1);
            Ran.Here();
            return "value " + synchronous;
        }

        [Case(2)]
        public static async ValueTask NonGenericValueTask(int x)
        {
            await Task.Delay(1).ConfigureAwait(false);
            Ran.Here();
            Effects.Add("value task done " + x);
        }

        [Case(5)]
        public static async Task<int> ConfigureAwaitFalse(int x)
        {
            int total = 0;
            for (int i = 0; i < x; i++)
            {
                total += await Task.Run(() => i).ConfigureAwait(false);
                Ran.Here();
            }

            return total;
        }

        [Case(6)]
        public static Task<string> AsyncVoid(int x)
        {
            var done = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            FireAndForget(x, done);
            return done.Task;
        }

        [Case(8)]
        public static async Task<int> CustomAwaitable(int x)
        {
            var value = await new Deferred<int>(x);
            Ran.Here();
            return value + await new Deferred<int>(1);
        }

        [Case(1)]
        [Case(0)]
        public static async Task<string> AsyncException(int fail)
        {
            try
            {
                await Throwing(fail == 1);
                Ran.Here();
                return "no exception";
            }
            catch (InvalidOperationException e) when (e.Message.Length > 0)
            {
                Ran.Here();
                await Task.Yield();
                return "caught after await: " + e.Message + " at " + Where.Thrown(e);
            }
            finally
            {
                await Task.Delay(1);
                Ran.Here();
                Effects.Add("async finally");
            }
        }

        /// <summary>Faults its task: the tests compare exception, message and stack trace with the original.</summary>
        [Case(7)]
        public static async Task<int> AsyncEscapingException(int x)
        {
            await Task.Yield();
            Ran.Here();
            if (x > 5) throw new NotSupportedException("too big: " + x);
            return x;
        }

        [Case(3)]
        public static async Task<string> AwaitUsing(int n)
        {
            await using (var resource = new AsyncResource("block"))
            {
                Ran.Here();
                await resource.WriteAsync(n);
            }

            await using var declared = new AsyncResource("declaration");
            await declared.WriteAsync(n + 1);
            Ran.Here();
            return "used";
        }

        [Case(4)]
        public static async Task<string> AsyncIterator(int n)
        {
            var items = new List<int>();
            await foreach (var item in Produce(n))
            {
                Ran.Here();
                items.Add(item);
            }

            await foreach (var item in Produce(10).ConfigureAwait(false))
            {
                if (item > 1) break;
                Ran.Here();
                items.Add(-item);
            }

            return string.Join(",", items);
        }

        [Case(3)]
        public static async Task<string> GenericStateMachine(int n)
        {
            var strings = await new Repeater<string>("x").RepeatAsync(n);
            var numbers = await new Repeater<int>(7).RepeatAsync(n);
            var pair = await Combine("left", 2.5);
            return string.Join("", strings) + "/" + string.Join("+", numbers) + "/" + pair;
        }

        [Case(2)]
        public static async Task<int> AsyncLambdaAndLocalFunction(int x)
        {
            Func<int, Task<int>> lambda = async y =>
            {
                await Task.Yield();
                Ran.Here();
                return y * 10;
            };

            async Task<int> Local(int z)
            {
                await Task.Delay(1);
                Ran.Here();
                return z + 1;
            }

            return await lambda(x) + await Local(x);
        }

        [Case(3)]
        public static async Task<int> WhenAll(int n)
        {
            var tasks = new List<Task<int>>();
            for (int i = 0; i < n; i++)
            {
                int copy = i;
                tasks.Add(Task.Run(async () =>
                {
                    await Task.Delay(1);
                    Ran.Here();
                    return copy * copy;
                }));
            }

            var results = await Task.WhenAll(tasks);
            int sum = 0;
            foreach (var result in results) sum += result;
            return sum;
        }

        [Case(5)]
        public static async Task<int> CompletedSynchronously(int x)
        {
            Ran.Here();
            if (x > 3) return x;
            await Task.Yield();
            return -x;
        }

        [Case(-1)]
        public static async Task<int> ThrowsBeforeTheFirstAwait(int x)
        {
            if (x < 0) throw new ArgumentException("negative before any await", nameof(x));
            await Task.Yield();
            return x;
        }

        [Case(2)]
        public static async Task<string> AsyncIteratorThatThrows(int failAt)
        {
            var seen = new List<int>();
            try
            {
                await foreach (var item in ProduceThenFail(failAt))
                {
                    Ran.Here();
                    seen.Add(item);
                }

                return "no failure";
            }
            catch (InvalidOperationException e)
            {
                return string.Join(",", seen) + " then " + e.Message + " at " + Where.Thrown(e);
            }
        }

        [Case(3)]
        public static async Task<string> GenericAsyncIterator(int n)
        {
            var items = new List<string>();
            await foreach (var item in new Repeater<string>("s").StreamAsync(n)) items.Add(item);
            await foreach (var item in new Repeater<int>(4).StreamAsync(n)) items.Add(item.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return string.Join(",", items);
        }

        [Case(3)]
        public static async Task<int> LockObject(int n)
        {
            var gate = new Lock();
            int total = 0;
            for (int i = 0; i < n; i++)
            {
                await Task.Yield();
                lock (gate)
                {
                    Ran.Here();
                    total += i;
                }
            }

            return total;
        }

        private static async void FireAndForget(int x, TaskCompletionSource<string> done)
        {
            try
            {
                await Task.Delay(1);
                Ran.Here();
                done.SetResult("async void saw " + x);
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        }

        private static async Task Throwing(bool fail)
        {
            await Task.Yield();
            if (fail) throw new InvalidOperationException("thrown after yield");
        }

        private static async IAsyncEnumerable<int> Produce(int n, [EnumeratorCancellation] CancellationToken cancellation = default)
        {
            try
            {
                for (int i = 0; i < n; i++)
                {
                    await Task.Yield();
                    Ran.Here();
                    yield return i;
                }
            }
            finally
            {
                Ran.Here();
                Effects.Add("producer finished");
            }
        }

        private static async IAsyncEnumerable<int> ProduceThenFail(int failAt)
        {
            try
            {
                for (int i = 0; ; i++)
                {
                    await Task.Yield();
                    if (i == failAt) throw new InvalidOperationException("producer failed at " + i);
                    yield return i;
                }
            }
            finally
            {
                await Task.Delay(1);
                Ran.Here();
                Effects.Add("failing producer cleaned up");
            }
        }

        private static async Task<string> Combine<TLeft, TRight>(TLeft left, TRight right)
        {
            await Task.Yield();
            Ran.Here();
            return left + "&" + right;
        }

        private sealed class Repeater<T>
        {
            private readonly T _value;

            public Repeater(T value) => _value = value;

            public async Task<List<T>> RepeatAsync(int n)
            {
                var list = new List<T>();
                for (int i = 0; i < n; i++)
                {
                    await Task.Yield();
                    Ran.Here();
                    list.Add(_value);
                }

                return list;
            }

            public async IAsyncEnumerable<T> StreamAsync(int n)
            {
                for (int i = 0; i < n; i++)
                {
                    await Task.Delay(1);
                    Ran.Here();
                    yield return _value;
                }
            }
        }

        private sealed class AsyncResource : IAsyncDisposable
        {
            private readonly string _name;

            public AsyncResource(string name) => _name = name;

            public async Task WriteAsync(int n)
            {
                await Task.Yield();
                Effects.Add(_name + " wrote " + n);
            }

            public async ValueTask DisposeAsync()
            {
                await Task.Delay(1);
                Ran.Here();
                Effects.Add(_name + " disposed");
            }
        }

        /// <summary>An awaitable that is not a Task: anything with GetAwaiter works with await.</summary>
        private readonly struct Deferred<T>
        {
            private readonly T _value;

            public Deferred(T value) => _value = value;

            public Awaiter GetAwaiter() => new Awaiter(_value);

            public readonly struct Awaiter : INotifyCompletion
            {
                private readonly T _value;

                public Awaiter(T value) => _value = value;

                public bool IsCompleted => false;

                public T GetResult() => _value;

                public void OnCompleted(Action continuation) => ThreadPool.QueueUserWorkItem(_ => continuation());
            }
        }
    }
}
